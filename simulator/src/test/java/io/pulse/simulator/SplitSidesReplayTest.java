package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.churn.ChurnAssessment;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's scorer walks the churn model's trees only when a feature has crossed one of their split
 * points ({@code SplitSides}); this holds it to walking them on every event, over a replayed
 * simulated history: every assessment's probabilities the same bit for bit, and every alert and
 * state the same.
 */
class SplitSidesReplayTest {
    private static final int SUBSCRIBERS = 300;
    private static final int DAYS = 50;

    private final ScoringConfig config = TestEvents.shippedConfig();
    private final ModelArtifact models = TestEvents.shippedModels();

    @Test
    void skippingTheTreesGivesWhatWalkingThemGivesBitForBit() {
        long start =
                LocalDate.of(2026, 6, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        SubscriberSimulator simulator = new SubscriberSimulator(SUBSCRIBERS, 23, start);
        ScoringReplay walking =
                new ScoringReplay(
                        simulator.profiles(),
                        SubscriberScorer.evaluatingEveryModel(config, models));
        ScoringReplay skipping =
                new ScoringReplay(simulator.profiles(), new SubscriberScorer(config, models));
        // on the walking replay's states, whose scorer never keeps sides: these alone do
        ChurnScorer keeping = ChurnScorer.keepingSplitSides(config, models);
        ChurnScorer plain = new ChurnScorer(config, models);
        SubscriberStateUpdater updater = new SubscriberStateUpdater(config);

        long assessed = 0;
        long reused = 0;
        for (int hour = 0; hour < DAYS * 24; hour++) {
            SimulatedHour simulated = simulator.nextHour();
            for (SubscriberEvent event : simulated.events()) {
                walking.accept(event);
                skipping.accept(event);
                String id = event.getSubscriberId();
                SubscriberState state = walking.state(id);
                if (state == null) {
                    continue;
                }
                long now = event.getEventTime();
                double satisfaction = updater.satisfaction(state, walking.profile(id), now);
                ByteBuffer before = state.getTreeSides();
                ChurnAssessment kept =
                        keeping.assess(state, walking.profile(id), satisfaction, now);
                reused += state.getTreeSides() == before ? 1 : 0;
                ChurnAssessment walked =
                        plain.assess(state, walking.profile(id), satisfaction, now);
                assertThat(bits(kept)).as("%s at %d", id, now).isEqualTo(bits(walked));
                assessed++;
            }
        }

        assertThat(skipping.alerts()).isEqualTo(walking.alerts());
        assertThat(withoutSides(skipping.states())).isEqualTo(withoutSides(walking.states()));
        assertThat(walking.alerts()).as("a history with alerts").isNotEmpty();
        // the trees were skipped for most events, and walked for the others
        assertThat(reused).isBetween(assessed / 2, assessed - SUBSCRIBERS);
        System.out.printf(
                "split sides: %,d assessments, trees skipped for %,d (%.0f%%)%n",
                assessed, reused, 100.0 * reused / assessed);
    }

    private static List<Long> bits(ChurnAssessment assessment) {
        List<Long> bits = new ArrayList<>();
        assessment
                .modelScores()
                .forEach(m -> bits.add(Double.doubleToRawLongBits(m.getProbability())));
        bits.add(Double.doubleToRawLongBits(assessment.probability()));
        return bits;
    }

    private static List<SubscriberState> withoutSides(List<SubscriberState> states) {
        List<SubscriberState> copies = new ArrayList<>();
        for (SubscriberState state : states) {
            copies.add(
                    state == null
                            ? null
                            : SubscriberState.newBuilder(state)
                                    .setTreeSides(ByteBuffer.allocate(0))
                                    .build());
        }
        return copies;
    }
}
