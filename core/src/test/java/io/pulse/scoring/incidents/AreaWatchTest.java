package io.pulse.scoring.incidents;

import io.pulse.scoring.config.ScoringConfig.NetworkIncident;
import io.pulse.scoring.incidents.AreaSignal.Kind;
import io.pulse.scoring.incidents.AreaWatch.HourCounts;
import io.pulse.scoring.incidents.IncidentChange.Status;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

import static io.pulse.scoring.TestEvents.shippedConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An area's watch on simulated hours: subscribers active at random with a daily rhythm (most by
 * day, few at night), so that the usual count of an hour has the noise of real traffic. A planted
 * outage opens one incident and resolves after it; gradual, scattered silence and the noise of
 * weeks of ordinary hours open none.
 */
class AreaWatchTest {
    private static final long HOUR = AreaWatch.HOUR;
    private static final long DAY = 24 * HOUR;
    private static final long T0 = 1_772_409_600_000L; // 2026-03-02T00:00Z
    private static final NetworkIncident RULES = shippedConfig().alerts().networkIncident();

    /**
     * The chance a subscriber is active in an hour: most by day, fewer at weekends, few at night.
     */
    private static double rhythm(long hour) {
        int hourOfDay = (int) Math.floorMod(hour, DAY) / (int) HOUR;
        boolean weekend =
                io.pulse.scoring.anomaly.DayClass.of((int) Math.floorDiv(hour, DAY))
                        == io.pulse.scoring.anomaly.DayClass.WEEKEND;
        double day = weekend ? 0.4 : 0.6;
        return hourOfDay >= 8 && hourOfDay < 22 ? day : 0.1;
    }

    /** Runs {@code days} of hours; {@code reachable} says which subscribers the network serves. */
    private static List<IncidentChange> run(
            AreaWatch watch,
            int subscribers,
            int fromDay,
            int days,
            Random random,
            HourlyReach reachable) {
        List<IncidentChange> changes = new ArrayList<>();
        for (long hour = T0 + fromDay * DAY; hour < T0 + (fromDay + days) * DAY; hour += HOUR) {
            IntPredicate served = reachable.at(hour);
            HourCounts counts = HourCounts.NONE;
            for (int s = 0; s < subscribers; s++) {
                if (served.test(s) && random.nextDouble() < rhythm(hour)) {
                    counts = counts.plus(Kind.ACTIVE);
                }
            }
            if (random.nextDouble() < 0.2) {
                counts = counts.plus(Kind.FAULT_REPORT);
            }
            changes.addAll(watch.closeHour(hour, counts));
        }
        return changes;
    }

    interface HourlyReach {
        IntPredicate at(long hour);
    }

    private static final HourlyReach EVERYONE = hour -> s -> true;

    @Test
    void anOutageOfMostOfTheAreaOpensOneIncidentThatResolvesAfterIt() {
        AreaWatch watch = new AreaWatch(RULES, "north");
        Random random = new Random(1);
        assertThat(run(watch, 200, 0, 14, random, EVERYONE)).isEmpty();

        long from = T0 + 14 * DAY + 10 * HOUR;
        long until = from + 6 * HOUR;
        List<IncidentChange> changes =
                run(
                        watch,
                        200,
                        14,
                        1,
                        random,
                        hour -> s -> hour < from || hour >= until || s % 10 < 3);

        assertThat(changes).extracting(IncidentChange::status).first().isEqualTo(Status.OPEN);
        assertThat(changes.get(0).hourStart()).isEqualTo(from);
        assertThat(changes.get(0).incidentId()).isEqualTo("north@" + from);
        assertThat(changes)
                .filteredOn(c -> c.status() == Status.UPDATED)
                .hasSize(5)
                .allSatisfy(c -> assertThat(c.affected()).isBetween(60, 110));
        IncidentChange resolved = changes.get(changes.size() - 1);
        assertThat(resolved.status()).isEqualTo(Status.RESOLVED);
        assertThat(resolved.hourStart()).isEqualTo(until + HOUR);
        assertThat(changes).hasSize(7);
        assertThat(watch.open()).isFalse();
    }

    @Test
    void weeksOfOrdinaryHoursAndScatteredSilenceOpenNoIncident() {
        for (int seed = 0; seed < 5; seed++) {
            AreaWatch watch = new AreaWatch(RULES, "north");
            Random random = new Random(100 + seed);
            // one subscriber in fifty falls silent for good each day, at random hours
            List<IncidentChange> changes =
                    run(
                            watch,
                            300,
                            0,
                            60,
                            random,
                            hour -> s -> s >= 6 * (int) ((hour - T0) / DAY) || s % 7 != 0);
            assertThat(changes).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aBurstOfFaultReportsOpensAnIncidentEvenWithEveryoneActive() {
        AreaWatch watch = new AreaWatch(RULES, "north");
        Random random = new Random(2);
        run(watch, 200, 0, 10, random, EVERYONE);
        long hour = T0 + 10 * DAY + 9 * HOUR;
        List<IncidentChange> changes = watch.closeHour(hour, new HourCounts(200, 12, 0));
        assertThat(changes)
                .singleElement()
                .satisfies(
                        c -> {
                            assertThat(c.status()).isEqualTo(Status.OPEN);
                            assertThat(c.reason())
                                    .isEqualTo("12 fault reports in the hour, usually 0");
                            assertThat(c.affected()).isZero();
                        });
    }

    @Test
    void nothingIsJudgedBeforeFourDaysOfItsKindAreKnownNorAtHoursTooQuietToTell() {
        AreaWatch watch = new AreaWatch(RULES, "north");
        Random random = new Random(3);
        // the network down for everyone on day 3: too early to know what is usual
        assertThat(
                        run(
                                watch,
                                200,
                                0,
                                7,
                                random,
                                hour -> s -> hour < T0 + 3 * DAY || hour >= T0 + 4 * DAY))
                .isEmpty();
        // a small area: 20 subscribers, at night 2 active at most; silence at night is not judged
        AreaWatch small = new AreaWatch(RULES, "north");
        run(small, 20, 0, 14, random, EVERYONE);
        long night = T0 + 14 * DAY + 2 * HOUR;
        assertThat(small.closeHour(night, HourCounts.NONE)).isEmpty();
    }

    @Test
    void aTwoDayOutageStaysAnIncidentOnItsSecondDay() {
        AreaWatch watch = new AreaWatch(RULES, "north");
        Random random = new Random(4);
        run(watch, 200, 0, 14, random, EVERYONE);
        long from = T0 + 14 * DAY + 8 * HOUR;
        long until = from + 48 * HOUR;
        List<IncidentChange> changes =
                run(watch, 200, 14, 3, random, hour -> s -> hour < from || hour >= until || s < 40);

        assertThat(changes.stream().filter(c -> c.status() == Status.OPEN)).hasSize(1);
        assertThat(changes.stream().filter(c -> c.status() == Status.RESOLVED)).hasSize(1);
        // the second day's hours were judged against days before the outage, not the first day
        assertThat(changes)
                .filteredOn(c -> c.hourStart() == from + 26 * HOUR)
                .singleElement()
                .satisfies(c -> assertThat(c.usualActive()).isGreaterThan(100));
    }

    @Test
    void theChanceTestsAreThoseOfTheTextbooks() {
        assertThat(AreaWatch.normalTail(0))
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(AreaWatch.normalTail(4))
                .isCloseTo(3.167e-5, org.assertj.core.data.Offset.offset(1e-7));
        assertThat(AreaWatch.poissonTail(0, 2)).isEqualTo(1.0);
        // P(X >= 2) for a mean of 1: 1 - e^-1 (1 + 1)
        assertThat(AreaWatch.poissonTail(2, 1))
                .isCloseTo(1 - 2 * Math.exp(-1), org.assertj.core.data.Offset.offset(1e-12));
    }
}
