package io.pulse.scoring.anomaly;

import io.pulse.scoring.usage.SealedDays;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.UsageCounters;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AnomalyScorerTest {
    private static final int MONDAY = (int) LocalDate.of(2026, 3, 2).toEpochDay();

    private static final int TODAY = MONDAY + 56;

    /** Eight weeks of sealed days before {@link #TODAY}, each made by {@code day}. */
    private static DailyBaselines eightWeeks(IntFunction<UsageCounters> day) {
        SealedDays history = new SealedDays();
        for (int d = MONDAY; d < TODAY; d++) {
            UsageCounters counters = day.apply(d);
            if (counters != null) {
                history.putDay(d, counters);
            }
        }
        return DailyBaselines.before(history, MONDAY, TODAY);
    }

    private static UsageCounters day(int localMinutes, int sms, int internationalMinutes) {
        UsageCounters c = UsageMath.zero();
        c.setOutCalls(localMinutes > 0 ? 3 : 0);
        c.setOutLocalSec(localMinutes * 60L);
        c.setSmsOut(sms);
        c.setOutInternationalSec(internationalMinutes * 60L);
        return c;
    }

    /** Erratic but normal: 20 to 60 local minutes, 0 to 10 messages, by a fixed pattern. */
    private static UsageCounters erratic(int epochDay) {
        int i = epochDay - MONDAY;
        return day(20 + (i * 17) % 41, (i * 7) % 11, 0);
    }

    @Test
    void oneOutlierInEightWeeksHardlyMovesTheBaseline() {
        DailyBaselines plain = eightWeeks(AnomalyScorerTest::erratic);
        DailyBaselines withOutlier =
                eightWeeks(d -> d == MONDAY + 15 ? day(900, 5, 0) : erratic(d));
        Baseline a = plain.of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY);
        Baseline b = withOutlier.of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY);
        assertThat(b.median()).isCloseTo(a.median(), within(2.0));
        assertThat(b.spread()).isCloseTo(a.spread(), within(0.05));
        // a mean would have moved by 900/40 = 22 minutes
    }

    @Test
    void anErraticButNormalDayRaisesNoScoreToSpeakOf() {
        DailyBaselines baselines = eightWeeks(AnomalyScorerTest::erratic);
        for (int d = TODAY; d < TODAY + 14; d++) {
            Anomaly anomaly = AnomalyScorer.score(erratic(d), d, true, baselines);
            assertThat(anomaly.score()).as("day " + d).isLessThan(3.0);
        }
    }

    @Test
    void aWeekendOnlySubscribersWeekendIsUsualAndItsQuietWeekdaysToo() {
        IntFunction<UsageCounters> weekendOnly =
                d -> DayClass.of(d) == DayClass.WEEKEND ? day(120, 10, 0) : null;
        DailyBaselines baselines = eightWeeks(weekendOnly);
        assertThat(baselines.of(Measure.LOCAL_MINUTES, DayClass.WEEKEND).median()).isEqualTo(120);
        assertThat(baselines.of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY).median()).isZero();
        int saturday = TODAY + 5;
        assertThat(AnomalyScorer.score(day(120, 10, 0), saturday, true, baselines).score())
                .isLessThan(1.0);
        assertThat(AnomalyScorer.score(UsageMath.zero(), TODAY, true, baselines).score()).isZero();
        // the same weekend day against one baseline for all days would have been far off
        Anomaly onAWeekday = AnomalyScorer.score(day(120, 10, 0), TODAY, true, baselines);
        assertThat(onAWeekday.score()).isGreaterThan(10.0);
        assertThat(onAWeekday.direction()).isEqualTo(Direction.UP);
    }

    @Test
    void aFlatSeriesDoesNotAlarmOnNoise() {
        DailyBaselines baselines = eightWeeks(d -> day(30, 3, 0));
        assertThat(baselines.of(Measure.SMS_SENT, DayClass.WEEKDAY).spread())
                .as("no spread at all: the floor")
                .isEqualTo(Measure.SMS_SENT.floor());
        Anomaly anomaly = AnomalyScorer.score(day(36, 5, 0), TODAY, true, baselines);
        assertThat(anomaly.score()).isLessThan(1.0);
        assertThat(anomaly.attributions()).isEmpty();
    }

    /**
     * Data on two days in five, 20 to 400 MB: the median day has none, yet a day of 45 MB is the
     * subscriber's ordinary life, not a surge.
     */
    @Test
    void aSeriesMostlyAtZeroIsJudgedByTheSpreadOfItsOtherDays() {
        DailyBaselines baselines =
                eightWeeks(
                        d -> {
                            UsageCounters c = day(30, 3, 0);
                            int i = d - MONDAY;
                            c.setDataBytes(i % 5 < 2 ? (20 + (i * 37) % 380) * 1_000_000L : 0);
                            return c;
                        });
        assertThat(baselines.of(Measure.DATA_MB, DayClass.WEEKDAY).median()).isZero();
        UsageCounters usual = day(30, 3, 0);
        usual.setDataBytes(45_000_000L);
        assertThat(AnomalyScorer.score(usual, TODAY, false, baselines).score()).isLessThan(3.0);
        UsageCounters surge = day(30, 3, 0);
        surge.setDataBytes(40_000_000_000L);
        assertThat(AnomalyScorer.score(surge, TODAY, false, baselines).attributions().get(0))
                .satisfies(
                        a -> {
                            assertThat(a.measure()).isEqualTo(Measure.DATA_MB);
                            assertThat(a.deviation()).isGreaterThan(3.0);
                        });
    }

    @Test
    void withTooLittleHistoryAMeasureIsNotJudged() {
        SealedDays history = new SealedDays();
        history.putDay(TODAY - 1, day(30, 3, 0));
        history.putDay(TODAY - 2, day(30, 3, 0));
        DailyBaselines baselines = DailyBaselines.before(history, TODAY - 3, TODAY);
        assertThat(baselines.of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY)).isNull();
        assertThat(AnomalyScorer.score(day(900, 300, 600), TODAY, true, baselines))
                .isEqualTo(Anomaly.NONE);
    }

    @Test
    void theMeasureThatDrivesTheScoreComesFirstWithItsEvidence() {
        DailyBaselines baselines = eightWeeks(AnomalyScorerTest::erratic);
        Anomaly anomaly = AnomalyScorer.score(day(40, 5, 240), TODAY, true, baselines);
        assertThat(anomaly.score()).isGreaterThan(10.0);
        assertThat(anomaly.direction()).isEqualTo(Direction.UP);
        Attribution first = anomaly.attributions().get(0);
        assertThat(first.measure()).isEqualTo(Measure.INTERNATIONAL_MINUTES);
        assertThat(first.share()).isGreaterThan(0.95);
        assertThat(first.value()).isEqualTo(240.0);
        assertThat(first.expected()).isZero();
        assertThat(first.text()).isEqualTo("international call minutes 240, usually 0");
        assertThat(anomaly.attributions().stream().mapToDouble(Attribution::share).sum())
                .isLessThanOrEqualTo(1.0 + 1e-12);
    }

    @Test
    void theBaselinesTravelInTheStateAsAFewBytesAndScoreTheSame() {
        DailyBaselines baselines = eightWeeks(AnomalyScorerTest::erratic);
        ByteBuffer bytes = baselines.encode();
        // local minutes and messages vary; the other eight measures are flat at zero, or (the
        // share of calls dropped) at zero too
        // (a layout byte first, the count of shortfalls last)
        assertThat(bytes.remaining()).isEqualTo(1 + 4 + 2 * 2 * 19 + 8 * 2 * 3 + 1);
        assertThat(DailyBaselines.hasShortfalls(bytes)).isFalse();
        DailyBaselines decoded = DailyBaselines.decode(bytes);
        assertThat(decoded.day()).isEqualTo(TODAY);
        UsageCounters day = day(40, 5, 240);
        assertThat(AnomalyScorer.score(day, TODAY, true, decoded).score())
                .isCloseTo(AnomalyScorer.score(day, TODAY, true, baselines).score(), within(1e-4));
        assertThat(
                        DailyBaselines.decode(ByteBuffer.allocate(0))
                                .of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY))
                .isNull();
    }

    @Test
    void baselinesInTheFirstLayoutOfPulseBeforeShortfallsAreReadAsBefore() {
        DailyBaselines baselines = eightWeeks(AnomalyScorerTest::erratic);
        ByteBuffer layout2 = baselines.encode();
        // the first layout: the same without the layout byte and the count of shortfalls
        byte[] first = new byte[layout2.remaining() - 2];
        layout2.duplicate().position(1).get(first);
        ByteBuffer layout1 = ByteBuffer.wrap(first);
        assertThat(DailyBaselines.hasShortfalls(layout1)).isFalse();
        DailyBaselines decoded = DailyBaselines.decode(layout1);
        assertThat(decoded.day()).isEqualTo(TODAY);
        assertThat(decoded.of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY))
                .isEqualTo(
                        DailyBaselines.decode(layout2).of(Measure.LOCAL_MINUTES, DayClass.WEEKDAY));
        assertThat(decoded.shortfall(Measure.LOCAL_MINUTES)).isNull();
    }

    @Test
    void twoWeeksFarUnderTheUsualAreAShortfallWithTheirTotals() {
        // erratic for six weeks, then a tenth of it (calls moved to another SIM)
        DailyBaselines baselines =
                eightWeeks(
                        d -> {
                            UsageCounters usual = erratic(d);
                            return d < TODAY - 14
                                    ? usual
                                    : day((int) (usual.getOutLocalSec() / 600), 0, 0);
                        });
        Shortfall f = baselines.shortfall(Measure.LOCAL_MINUTES);
        assertThat(f).isNotNull();
        assertThat(f.judgedDays()).isEqualTo(14);
        assertThat(f.lowDays()).isGreaterThanOrEqualTo(12);
        assertThat(f.value()).isLessThan(0.2 * f.expected());
        assertThat(f.missing()).isGreaterThan(300.0);
        assertThat(f.text()).startsWith("local call minutes in the last 14 days ");
        ByteBuffer bytes = baselines.encode();
        assertThat(DailyBaselines.hasShortfalls(bytes)).isTrue();
        Shortfall decoded = DailyBaselines.decode(bytes).shortfall(Measure.LOCAL_MINUTES);
        assertThat(decoded.lowDays()).isEqualTo(f.lowDays());
        assertThat(decoded.value()).isCloseTo(f.value(), within(1e-3));
        assertThat(decoded.expected()).isCloseTo(f.expected(), within(1e-3));
        // the messages fell to none as well
        assertThat(baselines.shortfall(Measure.SMS_SENT)).isNotNull();
    }

    /** Ten days abroad: few calls, and those roam; the days at home are as usual. */
    @Test
    void daysAbroadAreNotJudgedForADrop() {
        DailyBaselines trip =
                eightWeeks(
                        d -> {
                            if (d < TODAY - 12 || d >= TODAY - 2) {
                                return erratic(d);
                            }
                            UsageCounters abroad = day(1, 0, 0);
                            abroad.setOutRoamingSec(600);
                            return abroad;
                        });
        assertThat(trip.shortfall(Measure.LOCAL_MINUTES)).isNull();
        assertThat(trip.shortfall(Measure.SMS_SENT)).isNull();
        DailyBaselines stayedHome =
                eightWeeks(d -> d < TODAY - 12 || d >= TODAY - 2 ? erratic(d) : day(1, 0, 0));
        assertThat(stayedHome.shortfall(Measure.LOCAL_MINUTES))
                .as("the same days at home are a shortfall")
                .isNotNull();
    }

    /** Silent days (nothing outgoing) are the silence rules' to judge, not a shortfall. */
    @Test
    void silentDaysAreNotJudgedForADrop() {
        DailyBaselines silence = eightWeeks(d -> d >= TODAY - 14 ? null : erratic(d));
        assertThat(silence.shortfall(Measure.LOCAL_MINUTES)).isNull();
        DailyBaselines aMinuteADay = eightWeeks(d -> d >= TODAY - 14 ? day(1, 0, 0) : erratic(d));
        assertThat(aMinuteADay.shortfall(Measure.LOCAL_MINUTES)).isNotNull();
    }

    @Test
    void aQuietFewDaysOrOneEmptyDayAreNoShortfall() {
        DailyBaselines fewDays = eightWeeks(d -> d >= TODAY - 5 ? day(2, 0, 0) : erratic(d));
        assertThat(fewDays.shortfall(Measure.LOCAL_MINUTES)).isNull();
        DailyBaselines oneDay = eightWeeks(d -> d == TODAY - 3 ? null : erratic(d));
        assertThat(oneDay.shortfall(Measure.LOCAL_MINUTES)).isNull();
        assertThat(DailyBaselines.hasShortfalls(oneDay.encode())).isFalse();
    }

    @Test
    void aDayStillGoingOnIsOnlyEverUnusuallyHigh() {
        DailyBaselines baselines = eightWeeks(d -> day(120, 10, 0));
        UsageCounters morning = day(5, 0, 0);
        assertThat(AnomalyScorer.score(morning, TODAY, false, baselines)).isEqualTo(Anomaly.NONE);
        Anomaly sealed = AnomalyScorer.score(morning, TODAY, true, baselines);
        assertThat(sealed.direction()).isEqualTo(Direction.DOWN);
        assertThat(sealed.attributions().get(0).measure()).isEqualTo(Measure.LOCAL_MINUTES);
        assertThat(sealed.attributions().get(0).text())
                .isEqualTo("local call minutes 5, usually 120");
    }
}
