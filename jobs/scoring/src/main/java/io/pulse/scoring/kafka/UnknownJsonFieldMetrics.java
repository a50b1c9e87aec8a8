package io.pulse.scoring.kafka;

import io.pulse.scoring.metrics.PulseMetrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Unknown JSON fields a source ignored, by name: {@code
 * pulse.unknown_json_fields.field.<name>.total}, and one log line the first time a subtask sees a
 * name (the name only, never the value). A counter appears with the first field of its name. Names
 * are the producers' choice, so at most {@value #MAX_NAMES} get a counter of their own; any further
 * ones count as {@value #OTHER}.
 */
final class UnknownJsonFieldMetrics implements Consumer<String> {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownJsonFieldMetrics.class);
    static final String SUBJECT = "unknown_json_fields";
    static final String LABEL = "field";
    static final int MAX_NAMES = 100;
    static final String OTHER = "(other)";

    private final MetricGroup group;
    private final String source;
    private final Map<String, Counter> counters = new HashMap<>();

    UnknownJsonFieldMetrics(MetricGroup operatorGroup, String source) {
        this.group = PulseMetrics.of(operatorGroup).addGroup(SUBJECT);
        this.source = source;
    }

    @Override
    public void accept(String name) {
        Counter counter = counters.get(name);
        if (counter == null) {
            String label = counters.size() < MAX_NAMES ? name : OTHER;
            counter =
                    counters.computeIfAbsent(
                            label, l -> group.addGroup(LABEL, l).counter(PulseMetrics.TOTAL));
            if (label.equals(name)) {
                LOG.warn(
                        "{} records carry the field '{}', which the schema does not have: ignored and counted in {}.{}",
                        source,
                        name,
                        PulseMetrics.GROUP,
                        SUBJECT);
            }
        }
        counter.inc();
    }
}
