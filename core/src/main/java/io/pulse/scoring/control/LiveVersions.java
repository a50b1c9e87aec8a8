package io.pulse.scoring.control;

import io.pulse.schema.control.ControlOutcome;
import io.pulse.schema.control.ControlSlot;
import io.pulse.scoring.alerts.AreaIncidents;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The scoring configuration, champion model and challenger in force, and the decision on each new
 * version published on the control topic. Immutable: a decision that accepts a version returns the
 * versions in force after it. Every subtask reaches the same decision from the same versions, so
 * all of them score with the same ones.
 *
 * <p>A version is checked as the job checks its files at start: the configuration parses with every
 * key in range, the models fit the job's features, the configured members and the churn band, and a
 * {@link SubscriberScorer} builds from them. What the sources and sinks were built with at start
 * (watermarks, the days of state kept, pseudonymised outputs) cannot change without a restart, so a
 * configuration that changes it is refused. A published configuration's {@code churn.model-file} is
 * not read: the model in force stays until a model is published.
 */
public final class LiveVersions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The version that retires the challenger. */
    public static final String NO_CHALLENGER = "none";

    private final ScoringConfig start;
    private final ScoringConfig config;
    private final ModelArtifact champion;
    private final ModelArtifact challenger; // or null
    private final Map<ControlSlot, ControlArtifact> published;

    private LiveVersions(
            ScoringConfig start,
            ScoringConfig config,
            ModelArtifact champion,
            ModelArtifact challenger,
            Map<ControlSlot, ControlArtifact> published) {
        this.start = start;
        this.config = config;
        this.champion = champion;
        this.challenger = challenger;
        this.published = published;
    }

    /** The versions the job was started with: its configuration file and model file. */
    public static LiveVersions atStart(ScoringConfig config, ModelArtifact champion) {
        return new LiveVersions(config, config, champion, null, new EnumMap<>(ControlSlot.class));
    }

    /**
     * These versions with the published ones a checkpoint kept, checked together (each was accepted
     * against the others); fails with the reason when this build no longer accepts them.
     */
    public LiveVersions restored(Collection<ControlArtifact> artifacts) {
        ScoringConfig nextConfig = config;
        ModelArtifact nextChampion = champion;
        ModelArtifact nextChallenger = challenger;
        Map<ControlSlot, ControlArtifact> nextPublished = new EnumMap<>(published);
        for (ControlArtifact artifact : artifacts) {
            switch (artifact.slot()) {
                case CONFIG:
                    nextConfig = ScoringConfig.parse(artifact.text(), Path.of(""), start);
                    requireStartSettings(nextConfig);
                    break;
                case CHAMPION:
                    nextChampion = ModelArtifacts.parse(artifact.text(), artifact.describe());
                    break;
                case CHALLENGER:
                    nextChallenger =
                            artifact.version().equals(NO_CHALLENGER)
                                    ? null
                                    : ModelArtifacts.parse(artifact.text(), artifact.describe());
                    break;
                default:
                    throw new IllegalArgumentException("unknown slot " + artifact.slot());
            }
            nextPublished.put(artifact.slot(), artifact);
        }
        return checked(nextConfig, nextChampion, nextChallenger, nextPublished);
    }

    /** A decision on a published version. */
    public record Decision(
            ControlArtifact artifact,
            ControlOutcome outcome,
            String reason,
            LiveVersions versions,
            boolean changed) {

        public boolean accepted() {
            return outcome == ControlOutcome.ACCEPTED;
        }
    }

    /**
     * Accepts {@code artifact}, returning the versions in force with it, or refuses it with the
     * reason, keeping these. A version already in force is accepted again without a change if its
     * content is the same, and refused if it is not: a changed file needs a new version.
     */
    public Decision consider(ControlArtifact artifact) {
        try {
            return accept(artifact);
        } catch (RuntimeException e) {
            return new Decision(
                    artifact,
                    ControlOutcome.REFUSED,
                    Objects.requireNonNullElse(e.getMessage(), e.toString()),
                    this,
                    false);
        }
    }

    private Decision accept(ControlArtifact artifact) {
        String source = artifact.describe();
        switch (artifact.slot()) {
            case CONFIG:
                {
                    ScoringConfig next = ScoringConfig.parse(artifact.text(), Path.of(""), start);
                    requireVersion(artifact, next.version());
                    if (next.version().equals(config.version())) {
                        return same(artifact, sameConfig(next, config));
                    }
                    requireStartSettings(next);
                    return accepted(artifact, next, champion, challenger);
                }
            case CHAMPION:
                {
                    ModelArtifact next = ModelArtifacts.parse(artifact.text(), source);
                    requireVersion(artifact, next.version());
                    if (next.version().equals(champion.version())) {
                        return same(artifact, sameModel(next, champion));
                    }
                    return accepted(artifact, config, next, challenger);
                }
            case CHALLENGER:
                {
                    if (artifact.version().equals(NO_CHALLENGER)) {
                        if (artifact.content().length != 0) {
                            throw new IllegalArgumentException(
                                    "version '"
                                            + NO_CHALLENGER
                                            + "' retires the challenger and has no content");
                        }
                        if (challenger == null) {
                            return same(artifact, true);
                        }
                        return accepted(artifact, config, champion, null);
                    }
                    ModelArtifact next = ModelArtifacts.parse(artifact.text(), source);
                    requireVersion(artifact, next.version());
                    if (challenger != null && next.version().equals(challenger.version())) {
                        return same(artifact, sameModel(next, challenger));
                    }
                    return accepted(artifact, config, champion, next);
                }
            default:
                throw new IllegalArgumentException("unknown slot " + artifact.slot());
        }
    }

    private Decision accepted(
            ControlArtifact artifact,
            ScoringConfig nextConfig,
            ModelArtifact nextChampion,
            ModelArtifact nextChallenger) {
        Map<ControlSlot, ControlArtifact> nextPublished = new EnumMap<>(published);
        nextPublished.put(artifact.slot(), artifact);
        LiveVersions next = checked(nextConfig, nextChampion, nextChallenger, nextPublished);
        return new Decision(artifact, ControlOutcome.ACCEPTED, null, next, true);
    }

    /** The checks of the job's start, on the versions together. */
    private LiveVersions checked(
            ScoringConfig nextConfig,
            ModelArtifact nextChampion,
            ModelArtifact nextChallenger,
            Map<ControlSlot, ControlArtifact> nextPublished) {
        ChurnScorer.validate(nextConfig, nextChampion);
        if (nextChallenger != null) {
            ChurnScorer.validate(nextConfig, nextChallenger);
        }
        new SubscriberScorer(nextConfig, nextChampion, nextChallenger, AreaIncidents.NONE);
        return new LiveVersions(start, nextConfig, nextChampion, nextChallenger, nextPublished);
    }

    private Decision same(ControlArtifact artifact, boolean sameContent) {
        if (!sameContent) {
            throw new IllegalArgumentException(
                    "version "
                            + artifact.version()
                            + " is in force with other content: publish the change under a new version");
        }
        return new Decision(artifact, ControlOutcome.ACCEPTED, "already in force", this, false);
    }

    private static void requireVersion(ControlArtifact artifact, String contentVersion) {
        if (!artifact.version().equals(contentVersion)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "the record names version %s but its content is version %s",
                            artifact.version(),
                            contentVersion));
        }
    }

    /** Refuses a change to what the sources and sinks were built with. */
    private void requireStartSettings(ScoringConfig next) {
        List<String> changed = new ArrayList<>();
        if (next.time().outOfOrdernessSeconds() != start.time().outOfOrdernessSeconds()) {
            changed.add("time.out-of-orderness-seconds");
        }
        if (next.time().idlenessSeconds() != start.time().idlenessSeconds()) {
            changed.add("time.idleness-seconds");
        }
        if (next.state().retentionDays() != start.state().retentionDays()) {
            changed.add("state.retention-days");
        }
        if (!next.outputs().equals(start.outputs())) {
            changed.add("outputs");
        }
        if (!next.alerts().networkIncident().equals(start.alerts().networkIncident())) {
            changed.add("alerts.network-incident");
        }
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException(
                    "changes "
                            + String.join(", ", changed)
                            + ", which the job reads only at start (its sources, state layout, sinks and the areas' watch): that takes a savepoint upgrade");
        }
    }

    /** Equal but for the model file, which a published configuration does not use. */
    private static boolean sameConfig(ScoringConfig a, ScoringConfig b) {
        return withoutModelFile(a).equals(withoutModelFile(b));
    }

    private static ScoringConfig withoutModelFile(ScoringConfig c) {
        ScoringConfig.Churn churn = c.churn();
        return new ScoringConfig(
                c.version(),
                c.time(),
                c.state(),
                new ScoringConfig.Churn(
                        "", churn.members(), churn.combine(), churn.band(), churn.consumption()),
                c.satisfaction(),
                c.lifecycle(),
                c.valueTierFloorsYuan(),
                c.keyAccountSizeFloorsYuan(),
                c.playbook(),
                c.scores(),
                c.alerts(),
                c.outputs());
    }

    private static boolean sameModel(ModelArtifact a, ModelArtifact b) {
        return ModelArtifacts.toJson(a).equals(ModelArtifacts.toJson(b));
    }

    /**
     * A scorer with the versions in force, holding back contact in the network {@code incidents}.
     */
    public SubscriberScorer scorer(AreaIncidents incidents) {
        return new SubscriberScorer(config, champion, challenger, incidents);
    }

    public ScoringConfig config() {
        return config;
    }

    public String configVersion() {
        return config.version();
    }

    public String championVersion() {
        return champion.version();
    }

    /** The challenger's version, or null. */
    public String challengerVersion() {
        return challenger == null ? null : challenger.version();
    }

    /** The published versions in force, which checkpoints keep: at most one a slot. */
    public Collection<ControlArtifact> published() {
        return List.copyOf(published.values());
    }
}
