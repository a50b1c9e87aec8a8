package io.pulse.local;

import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.alerts.AreaIncidents;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job must publish for a stream of valid records, worked out in plain Java with the job's
 * own scoring logic ({@link SubscriberScorer}), record by record in the order a subscriber's
 * records reach the job: the reference a run with hostile input is compared with. Processing time
 * is the one thing it cannot know, so its scores carry 0 there.
 */
final class ScoreReplay {
    private SubscriberScorer scorer;
    private final Map<String, SubscriberProfile> profiles = new HashMap<>();
    private final Map<String, SubscriberState> states = new HashMap<>();
    private final Map<String, SealedDays> histories = new HashMap<>();
    private final Map<String, List<ScoreUpdate>> scores = new LinkedHashMap<>();
    private final Map<String, List<SubscriberEvent>> rejected = new HashMap<>();

    ScoreReplay(ScoringConfig config, ModelArtifact churnModels) {
        this.scorer = new SubscriberScorer(config, churnModels);
    }

    /**
     * From the next event on, scores with {@code versions}, as the job does once it applied them.
     */
    void scoreWith(LiveVersions versions) {
        this.scorer = versions.scorer(AreaIncidents.NONE);
    }

    /** As the job keeps a profile: an older one never replaces a newer one. */
    void profile(SubscriberProfile profile) {
        profiles.merge(
                profile.getSubscriberId(),
                profile,
                (kept, update) -> kept.getUpdatedAt() > update.getUpdatedAt() ? kept : update);
    }

    /**
     * Runs one event through the scorer; true when it counted (was neither refused nor a re-sent
     * copy).
     */
    boolean event(SubscriberEvent event) {
        String id = event.getSubscriberId();
        Outcome outcome =
                scorer.onEvent(
                        id,
                        states.get(id),
                        profiles.get(id),
                        event,
                        histories.computeIfAbsent(id, k -> new SealedDays()),
                        0L);
        if (outcome.rejectionReason() != null) {
            rejected.computeIfAbsent(outcome.rejectionReason(), r -> new ArrayList<>()).add(event);
            return false;
        }
        if (outcome.duplicate()) {
            return false;
        }
        states.put(id, outcome.state());
        if (outcome.score() != null) {
            scores.computeIfAbsent(id, k -> new ArrayList<>()).add(outcome.score());
        }
        return true;
    }

    /** Score updates per subscriber, in the order they are published. */
    Map<String, List<ScoreUpdate>> scores() {
        return scores;
    }

    /** Events the scorer refused, by dead-letter reason ({@code LATE}, {@code FLOOD}). */
    List<SubscriberEvent> rejected(String reason) {
        return rejected.getOrDefault(reason, List.of());
    }

    /** A score without its processing time, the one field that depends on when it was computed. */
    static ScoreUpdate withoutProcessingTime(ScoreUpdate score) {
        return ScoreUpdate.newBuilder(score).setProcessingTime(0L).build();
    }
}
