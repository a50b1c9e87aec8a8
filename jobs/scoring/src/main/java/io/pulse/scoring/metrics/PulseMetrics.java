package io.pulse.scoring.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Names shared by the job's own metrics. Every metric sits in the group {@value #GROUP} of the
 * operator that counts it; a labelled metric adds one key/value group per label, the key named as
 * the record field it counts by ({@code type}, {@code status}, {@code reason}), and ends in {@code
 * total} for counters. Flink's Prometheus reporter puts the group path into the name and each value
 * into a label of its key:
 *
 * <pre>
 * pulse / events / type=VOICE_CALL / total
 *   -> flink_taskmanager_job_task_operator_pulse_events_type_total{type="VOICE_CALL", operator_name=..., subtask_index=...}
 * </pre>
 *
 * <p>docs/operations.md ("Metrics") lists every metric. Names are part of the dashboards: never
 * rename one.
 */
public final class PulseMetrics {
    /** The group under each operator's metric group. */
    public static final String GROUP = "pulse";

    /** The last name component of a counter. */
    public static final String TOTAL = "total";

    private PulseMetrics() {}

    /** The job's group of an operator: {@code <operator>.pulse}. */
    public static MetricGroup of(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(GROUP);
    }

    /**
     * One counter per value of an enum label: {@code pulse.<subject>.<label>.<VALUE>.total},
     * indexed by ordinal.
     */
    public static <E extends Enum<E>> Counter[] countersByEnum(
            MetricGroup pulse, String subject, String label, E[] values) {
        MetricGroup group = pulse.addGroup(subject);
        Counter[] counters = new Counter[values.length];
        for (E value : values) {
            counters[value.ordinal()] = group.addGroup(label, value.name()).counter(TOTAL);
        }
        return counters;
    }
}
