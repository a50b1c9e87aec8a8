package io.pulse.simulator;

import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The anomalies planted in lines whatever their owners mean to do (data surges, collapses of paid
 * use, bursts of dropped calls) are in the truth with their windows, and the traffic of those
 * windows shows them against the same line's other days.
 */
class LineAnomaliesTest {
    private static final long START = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;
    private static final int DAYS = 150;
    private static final int SUBSCRIBERS = 1500;

    /** Per subscriber and day: data MB, own calls and messages, calls, dropped calls. */
    private static final Map<String, double[][]> days = new HashMap<>();

    private static final List<ConditionWindow> conditions = new ArrayList<>();
    private static SubscriberSimulator simulator;

    @BeforeAll
    static void simulate() {
        simulator = new SubscriberSimulator(SUBSCRIBERS, 17, START);
        simulator.recordConditions();
        for (int hour = 0; hour < DAYS * 24; hour++) {
            for (SubscriberEvent e : simulator.nextHour().events()) {
                int day = (int) ((e.getEventTime() - START) / DAY);
                if (day >= DAYS) {
                    continue;
                }
                double[] d =
                        days.computeIfAbsent(e.getSubscriberId(), id -> new double[DAYS][4])[day];
                if (e.getType() == EventType.DATA_SESSION) {
                    d[0] += e.getDataBytes() / 1e6;
                } else if (e.getType() == EventType.VOICE_CALL) {
                    d[2]++;
                    if (Boolean.TRUE.equals(e.getDropped())) {
                        d[3]++;
                    }
                    if (e.getDirection() == Direction.OUTGOING) {
                        d[1]++;
                    }
                } else if (e.getType() == EventType.SMS && e.getDirection() == Direction.OUTGOING) {
                    d[1]++;
                }
            }
            conditions.addAll(simulator.drainConditions());
        }
    }

    @Test
    void dataSurgesCarryManyTimesTheLinesUsualData() {
        List<ConditionWindow> surges = within(Condition.DATA_SURGE);
        // about 0.3 a year each: some 180 in 1,500 lines over 150 days
        assertThat(surges).hasSizeBetween(120, 260);
        int clear = 0;
        for (ConditionWindow surge : surges) {
            double during = mean(surge, 0, true);
            double usual = mean(surge, 0, false);
            if (during > 4 * usual) {
                clear++;
            }
        }
        assertThat(clear).isGreaterThan(surges.size() * 8 / 10);
    }

    @Test
    void paidUseCollapsesAtOnceAndStaysDown() {
        List<ConditionWindow> collapses = within(Condition.SPEND_COLLAPSE);
        assertThat(collapses).hasSizeBetween(30, 110);
        int clear = 0;
        for (ConditionWindow collapse : collapses) {
            assertThat(collapse.until() - collapse.from()).isBetween(14 * DAY, 60 * DAY);
            if (mean(collapse, 1, true) < 0.5 * mean(collapse, 1, false)) {
                clear++;
            }
        }
        assertThat(clear).isGreaterThan(collapses.size() * 8 / 10);
    }

    @Test
    void burstsOfDroppedCallsDropAFifthOrMoreOfTheCalls() {
        List<ConditionWindow> bursts = within(Condition.CALL_DROPS);
        assertThat(bursts).hasSizeBetween(80, 180);
        double droppedIn = 0;
        double callsIn = 0;
        double droppedOut = 0;
        double callsOut = 0;
        for (ConditionWindow burst : bursts) {
            double[][] line = days.get(burst.subscriberId());
            for (int day = 0; day < DAYS; day++) {
                if (burst.covers(START + day * DAY + DAY / 2)) {
                    droppedIn += line[day][3];
                    callsIn += line[day][2];
                } else {
                    droppedOut += line[day][3];
                    callsOut += line[day][2];
                }
            }
        }
        assertThat(droppedIn / callsIn).isBetween(0.2, 0.6);
        assertThat(droppedOut / callsOut).isLessThan(0.05);
    }

    /**
     * The windows of a condition that lie wholly in the simulation, on lines that stay in it
     * throughout.
     */
    private static List<ConditionWindow> within(Condition condition) {
        return conditions.stream()
                .filter(c -> c.condition() == condition)
                .filter(c -> c.from() >= START + 7 * DAY && c.until() <= START + DAYS * DAY)
                .filter(c -> days.containsKey(c.subscriberId()))
                .filter(
                        c ->
                                !simulator
                                        .subscriber(c.subscriberId())
                                        .terminatedAt(START + DAYS * DAY))
                .filter(c -> simulator.subscriber(c.subscriberId()).behaviour() == Behaviour.STEADY)
                .toList();
    }

    /** The line's mean of a daily value inside the window, or on its other days. */
    private static double mean(ConditionWindow window, int value, boolean inside) {
        double[][] line = days.get(window.subscriberId());
        double sum = 0;
        int n = 0;
        for (int day = 0; day < DAYS; day++) {
            if (window.covers(START + day * DAY + DAY / 2) == inside) {
                sum += line[day][value];
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
