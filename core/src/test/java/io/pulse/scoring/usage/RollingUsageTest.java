package io.pulse.scoring.usage;

import io.pulse.schema.CallScope;
import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The windows of the rolling buckets at their edges: daily days to {@link RollingUsage#DAILY_DAYS}
 * days old, weeks beyond, month 1 exact, months 2 and 3 by weeks past the daily days (a week their
 * edge cuts shared by its days on each side), weeks kept until their Sunday is the retention old.
 * Day 0 of the scenarios is a Monday.
 */
class RollingUsageTest {
    private static final int RETENTION = 92;
    private final RollingUsage usage = new RollingUsage(RETENTION);
    private final SealedDays history = new SealedDays();
    private SubscriberState state;
    private int n;

    @Test
    void weeksStartOnMondays() {
        for (String date : new String[] {"1970-01-01", "2026-03-02", "2026-03-08", "1969-12-28"}) {
            LocalDate day = LocalDate.parse(date);
            int monday = RollingUsage.mondayOf((int) day.toEpochDay());
            assertThat(LocalDate.ofEpochDay(monday).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(day.toEpochDay() - monday).isBetween(0L, 6L);
        }
    }

    @Test
    void aDayStaysDailyUntilItIsOlderThanTheDailyDays() {
        call(0, 60);
        call(35, 1);
        assertThat(history.day(day(0))).as("35 days old").isNotNull();
        assertThat(history.weekCount()).isZero();

        call(36, 1);
        assertThat(history.day(day(0))).isNull();
        assertThat(history.week(RollingUsage.mondayOf(day(0))).getOutLocalSec()).isEqualTo(60);
        assertThat(history.size()).as("day 35; today, 36, is not sealed yet").isEqualTo(1);
    }

    @Test
    void monthOneIsExactAndSoAreTheDailyDaysOfMonthTwo() {
        call(0, 1);
        call(65, 100); // 29 days old at day 94
        call(64, 10); // 30 days old: month 2's first day
        call(59, 1000); // 35 days old: the oldest daily day, month 2
        call(94, 0);

        assertThat(state.getMonth1().getOutLocalSec()).isEqualTo(100);
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(1010);
    }

    @Test
    void aWeekThatAMonthsEdgeCutsIsSharedByItsDaysOnEachSide() {
        // at day 90, month 2 is days 31..60 and month 3 days 1..30: the week of days 28..34 has
        // three days in month 3 and four in month 2
        for (int d = 28; d <= 34; d++) {
            call(d, 100);
        }
        call(90, 0);

        assertThat(history.week(RollingUsage.mondayOf(day(28))).getOutLocalSec()).isEqualTo(700);
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(400);
        assertThat(state.getMonth3().getOutLocalSec()).isEqualTo(300);
        // a day later, one more of its days is month 3's
        call(91, 0);
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(300);
        assertThat(state.getMonth3().getOutLocalSec()).isEqualTo(400);
    }

    @Test
    void aWindowIsThirtyDaysLongWhereverItsEdgesFall() {
        // a steady subscriber: every window holds 30 of its days, whichever weeks it cuts
        for (int d = 0; d < 120; d++) {
            call(d, 100);
            if (d >= 90) {
                assertThat(state.getMonth2().getOutLocalSec()).as("day %d", d).isEqualTo(3000);
                assertThat(state.getMonth3().getOutLocalSec()).as("day %d", d).isEqualTo(3000);
            }
        }
    }

    @Test
    void theOldestWeekSharesOnlyItsDaysWithinMonthThree() {
        for (int d = 0; d <= 6; d++) {
            call(d, 100);
        }
        call(93, 0); // month 3: days 4..33; days 0..3 of the week are older
        assertThat(state.getMonth3().getOutLocalSec()).isEqualTo(300);
        assertThat(history.week(RollingUsage.mondayOf(day(0))).getOutLocalSec()).isEqualTo(700);
    }

    @Test
    void aWeekGoesWhenItsSundayIsTheRetentionOld() {
        call(0, 60);
        call(6 + RETENTION - 1, 0);
        assertThat(history.week(RollingUsage.mondayOf(day(0)))).isNotNull();
        call(6 + RETENTION, 0);
        assertThat(history.week(RollingUsage.mondayOf(day(0)))).isNull();
    }

    @Test
    void aLateEventOlderThanTheDailyDaysJoinsItsWeekAndTheMonthOfItsDay() {
        for (int d = 28; d <= 34; d++) {
            call(d, 100);
        }
        call(90, 0);
        call(30, 70); // late, 60 days old: month 3's day, in the week of days 28..34

        assertThat(history.day(day(30))).isNull();
        assertThat(history.week(RollingUsage.mondayOf(day(30))).getOutLocalSec()).isEqualTo(770);
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(400);
        assertThat(state.getMonth3().getOutLocalSec()).isEqualTo(370);
        call(91, 0); // the next day the week is shared out by its days: 3/7 and 4/7 of 770
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(330);
        assertThat(state.getMonth3().getOutLocalSec()).isEqualTo(440);
    }

    @Test
    void aHistoryOfDaysOnlyAsOlderStatesKeptItIsFoldedIntoWeeksOnTheNextDay() {
        for (int d = 0; d < 90; d++) {
            call(d, 10 + d);
        }
        usage.advanceTo(state, day(91), history);

        // what a state written before the weeks holds at day 89: every sealed day a day
        SealedDays old = new SealedDays();
        for (int d = 0; d < 89; d++) {
            UsageCounters counters = UsageMath.zero();
            UsageMath.add(counters, event(d, 10 + d));
            if (89 - d >= RollingUsage.MONTH_DAYS) {
                UsageMath.keepOlderMonthFields(counters);
            }
            old.putDay(day(d), counters);
        }
        SubscriberState oldState = SubscriberStateUpdater.newState(event(0, 10));
        oldState.setCurrentDay(day(89));
        UsageMath.add(oldState.getToday(), event(89, 10 + 89));
        usage.advanceTo(oldState, day(91), old);

        assertThat(old).isEqualTo(history);
        assertThat(oldState.getMonth1()).isEqualTo(state.getMonth1());
        assertThat(oldState.getMonth2()).isEqualTo(state.getMonth2());
        assertThat(oldState.getMonth3()).isEqualTo(state.getMonth3());
        assertThat(old.size()).isEqualTo(RollingUsage.DAILY_DAYS - 1); // day 90 had nothing
    }

    private SubscriberEvent event(int day, int seconds) {
        return outgoingCall("c" + n++, "s", at(day, 9), CallScope.LOCAL, seconds);
    }

    private void call(int day, int seconds) {
        SubscriberEvent event = event(day, seconds);
        if (state == null) {
            state = SubscriberStateUpdater.newState(event);
        }
        usage.record(state, event, history);
    }

    private static int day(int scenarioDay) {
        return Days.epochDay(at(scenarioDay, 0));
    }
}
