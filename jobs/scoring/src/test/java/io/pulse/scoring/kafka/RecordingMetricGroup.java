package io.pulse.scoring.kafka;

import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;

import java.util.Map;
import java.util.TreeMap;

/**
 * A metric group that keeps its counters by dotted path ({@code
 * pulse.unknown_json_fields.field.colour.total}).
 */
final class RecordingMetricGroup extends UnregisteredMetricsGroup {
    private final String path;
    private final Map<String, Counter> counters;

    RecordingMetricGroup() {
        this("", new TreeMap<>());
    }

    private RecordingMetricGroup(String path, Map<String, Counter> counters) {
        this.path = path;
        this.counters = counters;
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((name, counter) -> counts.put(name, counter.getCount()));
        return counts;
    }

    DeserializationSchema.InitializationContext context() {
        return new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return RecordingMetricGroup.this;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordingMetricGroup(path + name + ".", counters);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new RecordingMetricGroup(path + key + "." + value + ".", counters);
    }

    @Override
    public Counter counter(String name) {
        return counters.computeIfAbsent(path + name, n -> new SimpleCounter());
    }
}
