package io.pulse.scoring.churn;

import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.config.ScoringConfig.Churn;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.CombineRule;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;
import io.pulse.scoring.model.ModelFileException;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.SplitSides;
import io.pulse.state.SubscriberState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Churn probability from every model: the trained models of the model file on the features of
 * {@link FeatureExtractor}, and the source's consumption model. The configured members are combined
 * by the union or intersection rule; the model that decides explains the score.
 */
public final class ChurnScorer {
    private final ConsumptionChurnModel consumption;
    private final ChurnModel[] trained;

    /** Names of all models: the trained ones in file order, then the consumption model. */
    private final String[] names;

    private final int[] members;
    private final CombineRule rule;
    private final double threshold;
    private final double[] typical;
    private final String version;

    /**
     * The trained model whose last evaluation each subscriber keeps ({@link SplitSides}), or -1:
     * every model is evaluated on every event.
     */
    private final int kept;

    private final SplitSides sides;
    private final int[] positions;

    /** A scorer that evaluates every model on every assessment. */
    public ChurnScorer(ScoringConfig config, ModelArtifact artifact) {
        this(config, artifact, ChurnBand.threshold(config.churn().band(), artifact), false);
    }

    /**
     * A scorer (one thread's: it keeps a buffer) that keeps, in each subscriber's state, the sides
     * of the split points of the first tree ensemble of {@code artifact} at its last evaluation,
     * and walks its trees again only when a feature has crossed one: the same probabilities, bit
     * for bit, as {@link #ChurnScorer(ScoringConfig, ModelArtifact)}. For the one scorer of the
     * subscribers' state (a second would take the kept sides for another model's, and evaluate
     * every time).
     */
    public static ChurnScorer keepingSplitSides(ScoringConfig config, ModelArtifact artifact) {
        return new ChurnScorer(
                config, artifact, ChurnBand.threshold(config.churn().band(), artifact), true);
    }

    /**
     * Flags from {@code threshold} instead of the configured band: for tools that judge a model
     * file at a fixed probability.
     */
    public ChurnScorer(ScoringConfig config, ModelArtifact file, double threshold) {
        this(config, file, threshold, false);
    }

    private ChurnScorer(
            ScoringConfig config, ModelArtifact file, double threshold, boolean keepSides) {
        validateModels(config, file);
        ModelArtifact artifact = ModelArtifacts.alignTo(file, Feature.names());
        Churn churn = config.churn();
        this.consumption = new ConsumptionChurnModel(churn.consumption());
        List<ModelSpec> specs = artifact.models();
        this.trained = new ChurnModel[specs.size()];
        this.names = new String[specs.size() + 1];
        for (int i = 0; i < specs.size(); i++) {
            trained[i] = ChurnModel.of(specs.get(i));
            names[i] = specs.get(i).name();
        }
        names[specs.size()] = Churn.CONSUMPTION;
        this.members = new int[churn.members().size()];
        for (int m = 0; m < members.length; m++) {
            members[m] = List.of(names).indexOf(churn.members().get(m));
        }
        this.rule = churn.combine();
        this.threshold = threshold;
        this.typical = artifact.typical().clone();
        this.version = artifact.version();
        int first = -1;
        for (int i = 0; keepSides && first < 0 && i < trained.length; i++) {
            first = trained[i].splitSides() != null ? i : -1;
        }
        this.kept = first;
        this.sides = first < 0 ? null : trained[first].splitSides();
        this.positions = first < 0 ? null : sides.newPositions();
    }

    /** Reads the configuration's model file and checks it ({@link #validate}). */
    public static ModelArtifact loadModels(ScoringConfig config) {
        ModelArtifact artifact = ModelArtifacts.read(Path.of(config.churn().modelFile()));
        validate(config, artifact);
        return artifact;
    }

    /**
     * Checks, before the job starts, that the model file fits this job and the configuration:
     * trained on features the job computes (all of them, or those of an earlier Pulse: the features
     * added since take no part in its models), containing every configured member, and with the
     * operating points a budget or precision band is read off.
     */
    public static void validate(ScoringConfig config, ModelArtifact artifact) {
        validateModels(config, artifact);
        ChurnBand.threshold(config.churn().band(), artifact);
    }

    /** The features and members part of {@link #validate}, for a model file whatever the band. */
    public static void validateModels(ScoringConfig config, ModelArtifact artifact) {
        List<String> unknown = new ArrayList<>(artifact.features());
        unknown.removeAll(Feature.names());
        if (!unknown.isEmpty()) {
            throw new ModelFileException(
                    String.format(
                            "churn model file %s (version %s) was trained on features the job does not compute: %s. "
                                    + "Retrain it with bin/pulse-model train.",
                            config.churn().modelFile(), artifact.version(), unknown));
        }
        List<String> available = new ArrayList<>();
        artifact.models().forEach(m -> available.add(m.name()));
        available.add(Churn.CONSUMPTION);
        for (String member : config.churn().members()) {
            if (!available.contains(member)) {
                throw new ConfigException(
                        String.format(
                                "churn.members names '%s', which is not a model of %s; available: %s",
                                member, config.churn().modelFile(), available));
            }
        }
    }

    /** The combined probability from which a subscriber is flagged (churn.band, resolved). */
    public double threshold() {
        return threshold;
    }

    /** Model version for outputs: the trained file's version and the combination in use. */
    public String modelVersion() {
        return version;
    }

    public ChurnAssessment assess(
            SubscriberState state, SubscriberProfile profile, double satisfaction, long now) {
        double[] features = FeatureExtractor.newVector();
        FeatureExtractor.extract(state, profile, satisfaction, now, features);
        double[] probabilities = new double[names.length];
        for (int i = 0; i < trained.length; i++) {
            probabilities[i] =
                    i == kept ? keptOrPredicted(state, features) : trained[i].predict(features);
        }
        probabilities[trained.length] = consumption.probability(state, now);
        double[] memberProbabilities = new double[members.length];
        for (int m = 0; m < members.length; m++) {
            memberProbabilities[m] = probabilities[members[m]];
        }
        int deciding = members[rule.decidingModel(memberProbabilities)];
        double probability = probabilities[deciding];
        return new ChurnAssessment(
                probability,
                probability >= threshold,
                names,
                probabilities,
                members,
                // explained only when something is published: most events publish nothing
                deciding < trained.length
                        ? () ->
                                ChurnReasons.fromContributions(
                                        features, explain(deciding, features), typical)
                        : () -> consumption.reasons(state, now));
    }

    /** The kept model's probability: the kept one if no feature crossed a split point since. */
    private double keptOrPredicted(SubscriberState state, double[] features) {
        sides.positions(features, positions);
        double probability = sides.recall(state.getTreeSides(), positions);
        if (Double.isNaN(probability)) {
            probability = trained[kept].predict(features);
            state.setTreeSides(sides.remember(positions, probability));
        }
        return probability;
    }

    private double[] explain(int model, double[] features) {
        double[] contributions = new double[features.length];
        trained[model].predict(features, contributions);
        return contributions;
    }
}
