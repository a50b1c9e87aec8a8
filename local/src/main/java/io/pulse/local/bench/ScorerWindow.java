package io.pulse.local.bench;

import java.util.List;

/**
 * The measured window of a run read from samples of the scorer's input count: from the first sample
 * at which the scorer has taken anything (start-up is over) to the moment it took the last record,
 * found by linear interpolation between the two samples around it. Counts, times and CPU times of
 * each sample come from one reading, so the REST API's delay in fresh metrics shifts both ends
 * alike.
 */
record ScorerWindow(long records, double seconds, double cpuSeconds) {

    /** One reading: monotonic time, process CPU time, records the scorer has taken. */
    record Sample(long nanos, long cpuNanos, long scored) {}

    double recordsPerSecond() {
        return records / seconds;
    }

    double recordsPerCpuSecond() {
        return records / cpuSeconds;
    }

    /**
     * @param samples in time order
     * @param total the records the scorer takes in all
     * @throws IllegalArgumentException if the samples do not show the scorer starting and reaching
     *     {@code total} at two different moments
     */
    static ScorerWindow of(List<Sample> samples, long total) {
        int start = 0;
        while (start < samples.size() && samples.get(start).scored() == 0) {
            start++;
        }
        if (start == samples.size()) {
            throw new IllegalArgumentException("no sample shows the scorer taking a record");
        }
        Sample first = samples.get(start);
        if (first.scored() >= total) {
            throw new IllegalArgumentException(
                    "the scorer took every record before the second sample: too few samples");
        }
        for (int i = start + 1; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            if (sample.scored() >= total) {
                Sample before = samples.get(i - 1);
                double fraction =
                        (double) (total - before.scored()) / (sample.scored() - before.scored());
                double endNanos = before.nanos() + fraction * (sample.nanos() - before.nanos());
                double endCpuNanos =
                        before.cpuNanos() + fraction * (sample.cpuNanos() - before.cpuNanos());
                return new ScorerWindow(
                        total - first.scored(),
                        (endNanos - first.nanos()) / 1e9,
                        (endCpuNanos - first.cpuNanos()) / 1e9);
            }
        }
        throw new IllegalArgumentException("the samples do not reach " + total + " records");
    }
}
