package io.pulse.local.soak;

import java.util.List;

/**
 * Where every event of the soak run went, from the counts on the broker and the job's operator
 * metrics, and the checks that nothing was lost or doubled on the way:
 *
 * <pre>
 *   events acknowledged by the broker = events read by the job's source
 *   events read = events into the scorer + dead letters from decoding
 *   events into the scorer = scored + dead letters from the scorer (LATE, FLOOD) + re-sent duplicates
 *   records written to each sink = records committed on its topic (read_committed)
 * </pre>
 *
 * @param produced what the broker acknowledged to the simulator's producer
 * @param eventsEndOffsets the events topic's end offsets
 * @param profilesEndOffsets the profiles topic's end offsets
 * @param eventsCommittedOffsets the job's consumer group's committed offsets on the events topic
 * @param eventsRead records out of the events source
 * @param profilesRead records out of the profiles source
 * @param scorerIn records into the scorer, events and profiles
 * @param scoresWritten records into the scores sink
 * @param alertsWritten records into the alerts sink
 * @param deadLettersWritten records into the dead-letter sink
 * @param committed the output topics as a downstream reader sees them
 * @param restarts job restarts
 * @param failedCheckpoints failed checkpoints
 */
record Accounting(
        CountingProducer.Counts produced,
        long eventsEndOffsets,
        long profilesEndOffsets,
        long eventsCommittedOffsets,
        long eventsRead,
        long profilesRead,
        long scorerIn,
        long scoresWritten,
        long alertsWritten,
        long deadLettersWritten,
        KafkaCounts.Committed committed,
        long restarts,
        long failedCheckpoints) {

    /** One equality that must hold. */
    record Check(String name, long expected, long actual) {
        boolean passed() {
            return expected == actual;
        }
    }

    /** Events into the scorer: its input minus the profiles that reached it. */
    long eventsIntoScorer() {
        return scorerIn - (profilesRead - committed.profileDecodeDeadLetters());
    }

    /**
     * Events that changed a subscriber's state: into the scorer, less the scorer's dead letters and
     * the re-sent copies.
     */
    long scored() {
        return eventsIntoScorer() - committed.scorerDeadLetters() - produced.duplicates();
    }

    /** Dead letters of events: from decoding and from the scorer. */
    long eventDeadLetters() {
        return committed.eventDecodeDeadLetters() + committed.scorerDeadLetters();
    }

    List<Check> checks() {
        return List.of(
                new Check(
                        "broker holds every acknowledged event (end offsets)",
                        produced.events(),
                        eventsEndOffsets),
                new Check("no send failed", 0, produced.failed()),
                new Check("events source read every event", eventsEndOffsets, eventsRead),
                new Check(
                        "source offsets committed up to the end",
                        eventsEndOffsets,
                        eventsCommittedOffsets),
                new Check("profiles source read every profile", profilesEndOffsets, profilesRead),
                new Check(
                        "events read = into scorer + decoding dead letters",
                        eventsRead,
                        eventsIntoScorer() + committed.eventDecodeDeadLetters()),
                new Check(
                        "every bad record dead-lettered, no good one",
                        produced.malformed(),
                        committed.eventDecodeDeadLetters()),
                new Check(
                        "into scorer = simulated + re-sent duplicates",
                        produced.simulated() + produced.duplicates(),
                        eventsIntoScorer()),
                new Check("scores committed = scores written", scoresWritten, committed.scores()),
                new Check("alerts committed = alerts written", alertsWritten, committed.alerts()),
                new Check(
                        "dead letters committed = dead letters written",
                        deadLettersWritten,
                        committed.deadLetters()),
                new Check("job restarts", 0, restarts),
                new Check("failed checkpoints", 0, failedCheckpoints));
    }

    boolean passed() {
        return checks().stream().allMatch(Check::passed);
    }
}
