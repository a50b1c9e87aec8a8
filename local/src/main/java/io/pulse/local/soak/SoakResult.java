package io.pulse.local.soak;

import java.util.List;
import java.util.Map;

/** Everything a soak run measured; written as JSON and printed as the report. */
record SoakResult(
        String startedAt,
        Settings settings,
        Throughput throughput,
        Lag lag,
        Machine machine,
        CheckpointLog.Stats checkpoints,
        List<BackpressureLog.TaskStats> backpressure,
        Counts counts,
        List<CheckResult> checks,
        boolean passed,
        List<String> warnings,
        List<CheckpointLog.Checkpoint> checkpointHistory,
        List<Sample> samples) {

    record Settings(
            double minutes,
            int eventsPerSecond,
            int subscribers,
            double checkpointIntervalSeconds,
            int parallelism,
            int backfillDays,
            long seed,
            int duplicateEvery,
            int malformedEvery,
            String stateBackend,
            boolean incrementalCheckpoints,
            String deliveryGuarantee,
            String simulatedFrom,
            String simulatedTo) {}

    /**
     * @param loadSeconds how long the simulator sent
     * @param offeredPerSecond events the broker acknowledged per second of the load
     * @param readPerSecond events the job read per second of the load
     * @param readPerSecondSamples the job's read rate in each sampling interval of the load
     */
    record Throughput(
            double loadSeconds,
            long eventsOffered,
            double offeredPerSecond,
            long eventsReadDuringLoad,
            double readPerSecond,
            Summary readPerSecondSamples) {}

    /**
     * @param recordsBehindAtEnd events acknowledged but not yet read by the job when the simulator
     *     stopped
     * @param secondsBehindAtEnd the same in seconds of input at the offered rate
     * @param eventTimeLagMsAtEnd newest event time sent minus the scorer's watermark (which trails
     *     the newest event it has read by the allowed disorder), in simulated milliseconds
     * @param eventTimeLagWallSecondsAtEnd the same in wall-clock seconds at the replay's speed
     * @param recordsBehind events not yet read, at each sample of the load
     * @param drainSeconds from stopping the simulator until the job had read every event
     */
    record Lag(
            long recordsBehindAtEnd,
            double secondsBehindAtEnd,
            long eventTimeLagMsAtEnd,
            double eventTimeLagWallSecondsAtEnd,
            Summary recordsBehind,
            double drainSeconds) {}

    /**
     * CPU use during the load, each a share of all the machine's cores: this JVM (broker, simulator
     * and job) and the whole machine; the difference is other processes' noise.
     */
    record Machine(int cores, Summary processCpu, Summary machineCpu) {}

    record Counts(
            long simulatedEvents,
            long resentDuplicates,
            long badRecords,
            long eventsAcknowledged,
            long profilesAcknowledged,
            long eventsEndOffsets,
            long eventsRead,
            long eventsIntoScorer,
            long scored,
            long decodingDeadLetters,
            long scorerDeadLetters,
            long profileDeadLetters,
            Map<String, Long> deadLettersByReason,
            long scoresCommitted,
            long alertsCommitted,
            long deadLettersCommitted) {

        static Counts of(Accounting a) {
            KafkaCounts.Committed c = a.committed();
            return new Counts(
                    a.produced().simulated(),
                    a.produced().duplicates(),
                    a.produced().malformed(),
                    a.produced().events(),
                    a.produced().profiles(),
                    a.eventsEndOffsets(),
                    a.eventsRead(),
                    a.eventsIntoScorer(),
                    a.scored(),
                    c.eventDecodeDeadLetters(),
                    c.scorerDeadLetters(),
                    c.profileDecodeDeadLetters(),
                    c.deadLettersByReason(),
                    c.scores(),
                    c.alerts(),
                    c.deadLetters());
        }
    }

    record CheckResult(String check, long expected, long actual, boolean passed) {
        static List<CheckResult> of(List<Accounting.Check> checks) {
            return checks.stream()
                    .map(c -> new CheckResult(c.name(), c.expected(), c.actual(), c.passed()))
                    .toList();
        }
    }

    /**
     * One sampling point: seconds since the load started, events acknowledged and read so far, the
     * read rate since the previous sample (null for the first) and the watermark's lag (-1 before
     * the first).
     */
    record Sample(
            double seconds,
            long eventsAcknowledged,
            long eventsRead,
            long recordsBehind,
            Double readPerSecond,
            long eventTimeLagMs) {}
}
