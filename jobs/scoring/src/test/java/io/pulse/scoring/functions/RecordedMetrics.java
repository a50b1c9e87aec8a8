package io.pulse.scoring.functions;

import io.pulse.scoring.metrics.PulseMetrics;

import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.runtime.operators.testutils.MockInputSplitProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's metric group on a metric registry that keeps every metric registered below it, as a
 * reporter would see it, for operator harnesses. Metrics are found by their path below the
 * operator, e.g. {@code pulse.events.type.SMS.total}.
 */
final class RecordedMetrics {
    private final Map<String, Metric> byIdentifier = new ConcurrentHashMap<>();
    private final TaskMetricGroup taskGroup;

    RecordedMetrics() {
        TestingMetricRegistry registry =
                TestingMetricRegistry.builder()
                        .setDelimiter('.')
                        .setRegisterConsumer(
                                (metric, name, group) ->
                                        byIdentifier.put(group.getMetricIdentifier(name), metric))
                        .build();
        taskGroup =
                TaskManagerMetricGroup.createTaskManagerMetricGroup(
                                registry, "localhost", ResourceID.generate())
                        .addJob(new JobID(), "Pulse scoring")
                        .addTask(ExecutionAttemptID.randomId(), "Score subscribers");
    }

    /**
     * A mock task environment (as the operator harnesses make it) whose metrics are recorded here.
     */
    MockEnvironment environment() {
        return new MockEnvironmentBuilder()
                .setTaskName("Score subscribers")
                .setManagedMemorySize(3 * 1024 * 1024)
                .setInputSplitProvider(new MockInputSplitProvider())
                .setBufferSize(1024)
                .setMaxParallelism(1)
                .setParallelism(1)
                .setSubtaskIndex(0)
                .setMetricGroup(taskGroup)
                .build();
    }

    /** Every recorded metric path that starts with {@code prefix}, e.g. {@code pulse.}. */
    List<String> paths(String prefix) {
        return byIdentifier.keySet().stream()
                .map(RecordedMetrics::pathBelowOperator)
                .filter(path -> path != null && path.startsWith(prefix))
                .sorted()
                .collect(Collectors.toList());
    }

    long count(String path) {
        return metric(path, Counter.class).getCount();
    }

    Histogram histogram(String path) {
        return metric(path, Histogram.class);
    }

    Object gaugeValue(String path) {
        return metric(path, Gauge.class).getValue();
    }

    private <M extends Metric> M metric(String path, Class<M> type) {
        List<Metric> found =
                byIdentifier.entrySet().stream()
                        .filter(e -> path.equals(pathBelowOperator(e.getKey())))
                        .map(Map.Entry::getValue)
                        .collect(Collectors.toList());
        assertThat(found).as("metric %s among %s", path, paths("")).hasSize(1);
        assertThat(found.get(0)).isInstanceOf(type);
        return type.cast(found.get(0));
    }

    /**
     * {@code localhost.taskmanager.<tm>.<job>.<operator>.<subtask>.pulse.x} -> {@code pulse.x};
     * null for task-level metrics.
     */
    private static String pathBelowOperator(String identifier) {
        int at = identifier.indexOf("." + PulseMetrics.GROUP + ".");
        return at < 0 ? null : identifier.substring(at + 1);
    }
}
