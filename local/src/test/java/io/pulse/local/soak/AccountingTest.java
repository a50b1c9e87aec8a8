package io.pulse.local.soak;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountingTest {

    /** 1000 simulated events, 1 re-sent, 1 bad; 10 profiles; 1 event late in the scorer. */
    private static final CountingProducer.Counts PRODUCED =
            new CountingProducer.Counts(1000, 1, 1, 10, 0, 0);

    private static Accounting accounting(long eventsRead, long scorerIn, long scoresCommitted) {
        KafkaCounts.Committed committed =
                new KafkaCounts.Committed(
                        scoresCommitted, 5, 2, 1, 0, 1, Map.of("UNREADABLE", 1L, "LATE", 1L));
        return new Accounting(
                PRODUCED, 1002, 10, 1002, eventsRead, 10, scorerIn, 80, 5, 2, committed, 0, 0);
    }

    @Test
    void everyEventAccountedFor() {
        Accounting a = accounting(1002, 1001 + 10, 80);

        assertThat(a.checks()).allMatch(Accounting.Check::passed);
        assertThat(a.passed()).isTrue();
        assertThat(a.eventsIntoScorer()).isEqualTo(1001);
        // 1002 in = 999 scored + 2 dead letters (1 bad, 1 late) + 1 duplicate
        assertThat(a.scored()).isEqualTo(1001 - 1 - 1);
        assertThat(a.eventDeadLetters()).isEqualTo(2);
    }

    @Test
    void anEventLostBetweenTheSourceAndTheScorerFails() {
        Accounting a = accounting(1002, 1000 + 10, 80);

        assertThat(a.passed()).isFalse();
        assertThat(a.checks())
                .filteredOn(c -> !c.passed())
                .extracting(Accounting.Check::name)
                .containsExactly(
                        "events read = into scorer + decoding dead letters",
                        "into scorer = simulated + re-sent duplicates");
    }

    @Test
    void anEventNotReadFails() {
        assertThat(accounting(1001, 1000 + 10, 80).passed()).isFalse();
    }

    @Test
    void anUncommittedScoreFails() {
        Accounting a = accounting(1002, 1001 + 10, 79);

        assertThat(a.checks())
                .filteredOn(c -> !c.passed())
                .extracting(Accounting.Check::name)
                .containsExactly("scores committed = scores written");
    }
}
