package io.pulse.local.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Count, median, 90th and 99th percentile, maximum and mean of a set of whole measurements, such as
 * latencies in milliseconds. Percentiles are nearest-rank: the smallest measured value with at
 * least p% of the values at or below it.
 */
record Percentiles(int count, long p50, long p90, long p99, long max, double mean) {

    /** The percentiles of the values; null when there are none. */
    static Percentiles of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return null;
        }
        return new Percentiles(
                sorted.length,
                rank(sorted, 50),
                rank(sorted, 90),
                rank(sorted, 99),
                sorted[sorted.length - 1],
                Arrays.stream(sorted).average().orElseThrow());
    }

    /** Nearest-rank percentile of ascending values, {@code 0 < p <= 100}. */
    static long rank(long[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
