package io.pulse.local.bench;

import java.lang.management.ManagementFactory;

/**
 * When the source chain of a run took its first record, the first timed one ({@link
 * EventRecords#timedFrom()}) and the last, in wall-clock and process CPU time: a run is timed from
 * the first timed record to the last, without the job's start-up and its final checkpoint. The
 * MiniCluster runs in this JVM, so the task writes here and the run reads it. One run at a time.
 */
final class RecordClock {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static volatile long firstNanos;
    private static volatile long timedNanos;
    private static volatile long timedCpuNanos;
    private static volatile long lastNanos;
    private static volatile long lastCpuNanos;
    private static volatile long taken;

    private RecordClock() {}

    static void reset() {
        taken = 0;
        firstNanos = 0;
        timedNanos = 0;
        timedCpuNanos = 0;
        lastNanos = 0;
        lastCpuNanos = 0;
    }

    static void first() {
        firstNanos = System.nanoTime();
    }

    static void timed() {
        timedCpuNanos = OS.getProcessCpuTime();
        timedNanos = System.nanoTime();
    }

    static void last() {
        lastNanos = System.nanoTime();
        lastCpuNanos = OS.getProcessCpuTime();
    }

    /** Records taken so far, by a source that counts them as it goes. */
    static void taken(long records) {
        taken = records;
    }

    static long taken() {
        return taken;
    }

    /** Whether the last record has been taken. */
    static boolean done() {
        return lastNanos != 0;
    }

    /** From the first timed record to the last. */
    static double seconds() {
        return (lastNanos - timedNanos) / 1e9;
    }

    static double cpuSeconds() {
        return (lastCpuNanos - timedCpuNanos) / 1e9;
    }

    /** From the first record to the first timed one. */
    static double leadingSeconds() {
        return (timedNanos - firstNanos) / 1e9;
    }

    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }
}
