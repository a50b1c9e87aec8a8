package io.pulse.model.train;

import com.google.protobuf.InvalidProtocolBufferException;
import io.pulse.scoring.model.ModelSpec;
import io.pulse.scoring.model.TreeSpec;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.AdaBoostTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.common.tree.ExtraTreesTrainer;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.ensemble.BaggingTrainer;
import org.tribuo.ensemble.WeightedEnsembleModel;
import org.tribuo.protos.core.WeightedEnsembleModelProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Trains a decision tree or a tree ensemble with Tribuo and exports it as {@link ModelSpec#trees}.
 *
 * <p>How each method's Tribuo score is reproduced by the served weighted mean of leaf values:
 * <ul>
 *   <li>{@link Method#CART}: one tree, leaf value = the leaf's churn share of training weight.
 *   <li>{@link Method#BAGGING}, {@link Method#RANDOM_FOREST}, {@link Method#EXTRA_TREES}: combined
 *       with Tribuo's {@link FullyWeightedVotingCombiner}, the mean of the members' class
 *       distributions, so leaf values are churn probabilities and tree weights are equal.
 *   <li>{@link Method#ADABOOST}: Tribuo combines the members with a {@code VotingCombiner}, a
 *       weighted vote of each member's predicted label (not of its probabilities), weights being
 *       the boosting alphas. So leaf values are votes, 1 where the leaf predicts churn and 0
 *       otherwise, and tree weights are the alphas: the served score is the alpha-weighted share of
 *       churn votes, exactly Tribuo's churn score. A member whose alpha is not positive (weighted
 *       accuracy one half, the least a tree fitted to those weights can reach) adds nothing and
 *       is left out. Note that this score is not a probability (see {@link #defaults()}).
 * </ul>
 * <p>Tribuo sees feature values rounded to 10 significant digits, which works around a Tribuo 4.3.2
 * split bug (see {@code TribuoData.roundForTrees}); the exported trees take raw values, their split
 * points translated so that every training row follows the same path as in Tribuo (see
 * {@code RoundedSplits}). Tribuo's trainers are created afresh for every call, so a seed fully
 * determines the model.
 */
public final class TreeTrainer extends TribuoTrainer {

    /** The tree learners offered; see the class comment for how each is exported. */
    public enum Method { CART, BAGGING, RANDOM_FOREST, EXTRA_TREES, ADABOOST }

    /** Tribuo's default minimum child weight, in examples (weight 1 each). */
    public static final float MIN_CHILD_EXAMPLES = 5f;
    /**
     * AdaBoost normalises example weights to sum to 1, so a child weight floor counted in examples
     * would stop every tree at the root and make the scores constant.
     */
    public static final float ADABOOST_MIN_CHILD_WEIGHT = 1e-4f;
    /** Tree depth "unlimited" in Tribuo's terms. */
    public static final int UNLIMITED_DEPTH = Integer.MAX_VALUE;

    private final String name;
    private final Method method;
    private final int trees;
    private final int maxDepth;
    private final float minChildWeight;
    private final float featureFraction;

    private TreeTrainer(String name, Method method, int trees, int maxDepth, float minChildWeight,
                        float featureFraction) {
        if (trees < 1 || maxDepth < 1 || !(minChildWeight > 0)
                || !(featureFraction > 0 && featureFraction <= 1)) {
            throw new IllegalArgumentException("invalid tree settings: trees=" + trees + ", maxDepth=" + maxDepth
                    + ", minChildWeight=" + minChildWeight + ", featureFraction=" + featureFraction);
        }
        this.name = name;
        this.method = method;
        this.trees = trees;
        this.maxDepth = maxDepth;
        this.minChildWeight = minChildWeight;
        this.featureFraction = featureFraction;
    }

    /**
     * The default tree model, named "trees": bagging of 100 CART trees of depth at most 6, scoring
     * the mean churn probability of the trees' leaves.
     *
     * <p>Chosen by 3 x 5-fold cross-validation on the public churn data. AdaBoost (50 trees of depth
     * 3) ranked marginally higher on its own (AUC 0.924 against 0.921, within the spread between
     * seeds), but its score is a share of weighted votes squeezed into roughly 0.2..0.8, not a
     * probability: every subscriber would score at least 0.2, and combined with logistic regression
     * under one alert threshold (the union and intersection rules) it did clearly worse (union AUC
     * 0.912 against 0.925, intersection 0.817 against 0.915). Bagged trees give probabilities
     * comparable with the other model's.
     */
    public static TreeTrainer defaults() {
        return bagging(100, 6);
    }

    /** One CART tree. */
    public static TreeTrainer cart(int maxDepth) {
        return new TreeTrainer("trees", Method.CART, 1, maxDepth, MIN_CHILD_EXAMPLES, 1f);
    }

    /** Bagged CART trees: bootstrap samples, every feature considered at every split. */
    public static TreeTrainer bagging(int trees, int maxDepth) {
        return new TreeTrainer("trees", Method.BAGGING, trees, maxDepth, MIN_CHILD_EXAMPLES, 1f);
    }

    /** Random forest: bagging plus a random {@code featureFraction} (< 1) of features per split. */
    public static TreeTrainer randomForest(int trees, int maxDepth, float featureFraction) {
        if (featureFraction >= 1) {
            throw new IllegalArgumentException("a random forest needs a feature fraction below 1");
        }
        return new TreeTrainer("trees", Method.RANDOM_FOREST, trees, maxDepth, MIN_CHILD_EXAMPLES, featureFraction);
    }

    /** Extremely randomised trees: bagging plus a random split point per feature. */
    public static TreeTrainer extraTrees(int trees, int maxDepth, float featureFraction) {
        return new TreeTrainer("trees", Method.EXTRA_TREES, trees, maxDepth, MIN_CHILD_EXAMPLES, featureFraction);
    }

    /** AdaBoost (SAMME) over weighted CART trees of at most {@code maxDepth}. */
    public static TreeTrainer adaBoost(int rounds, int maxDepth) {
        return new TreeTrainer("trees", Method.ADABOOST, rounds, maxDepth, ADABOOST_MIN_CHILD_WEIGHT, 1f);
    }

    /** The same settings under another model name. */
    public TreeTrainer named(String newName) {
        return new TreeTrainer(newName, method, trees, maxDepth, minChildWeight, featureFraction);
    }

    /** The same settings with another minimum child weight (see {@link #ADABOOST_MIN_CHILD_WEIGHT}). */
    public TreeTrainer withMinChildWeight(float weight) {
        return new TreeTrainer(name, method, trees, maxDepth, weight, featureFraction);
    }

    @Override
    public String name() {
        return name;
    }

    public Method method() {
        return method;
    }

    @Override
    public String settings() {
        String depth = maxDepth == UNLIMITED_DEPTH ? "unlimited depth" : "depth <= " + maxDepth;
        return switch (method) {
            case CART -> String.format(Locale.ROOT, "CART tree, %s, min child weight %s", depth, minChildWeight);
            case BAGGING -> String.format(Locale.ROOT, "bagging of %d CART trees, %s, mean churn probability",
                    trees, depth);
            case RANDOM_FOREST -> String.format(Locale.ROOT,
                    "random forest of %d CART trees, %s, %.2f of features per split, mean churn probability",
                    trees, depth, featureFraction);
            case EXTRA_TREES -> String.format(Locale.ROOT,
                    "extra trees of %d CART trees, %s, %.2f of features per split, mean churn probability",
                    trees, depth, featureFraction);
            case ADABOOST -> String.format(Locale.ROOT,
                    "AdaBoost of %d CART trees, %s, alpha-weighted share of churn votes", trees, depth);
        };
    }

    @Override
    Fitted fit(LabelledSet data, long seed) {
        data.requireBothClasses();
        TribuoData.quietLogging();
        MutableDataset<Label> dataset =
                TribuoData.dataset(data.featureNames(), TribuoData.roundForTrees(data.x()), data.y());
        Model<Label> model = tribuoTrainer(seed).train(dataset);

        List<TreeModel<Label>> members = new ArrayList<>();
        double[] memberWeights;
        if (model instanceof TreeModel<Label> tree) {
            members.add(tree);
            memberWeights = new double[] {1.0};
        } else if (model instanceof WeightedEnsembleModel<Label> ensemble) {
            for (Model<Label> member : ensemble.getModels()) {
                members.add((TreeModel<Label>) member);
            }
            memberWeights = weightsOf(ensemble);
        } else {
            throw new IllegalStateException("unexpected Tribuo model " + model.getClass().getName());
        }

        ToDoubleFunction<LeafNode<Label>> leafValue = method == Method.ADABOOST
                ? leaf -> TribuoData.CHURN.equals(leaf.getOutput().getLabel()) ? 1.0 : 0.0
                : leaf -> TribuoData.churnScore(leaf.getDistribution());
        RoundedSplits splits = new RoundedSplits(data.x());
        Map<String, Integer> featureIndex = data.featureIndex();
        List<TreeSpec> specs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            if (memberWeights[m] <= 0) {
                continue;
            }
            TreeModel<Label> member = members.get(m);
            int[] columns = TribuoData.columnsOf(member.getFeatureIDMap(), featureIndex);
            specs.add(TreeExport.export(member, columns, splits, leafValue, data.x()));
            weights.add(memberWeights[m]);
        }
        if (specs.isEmpty()) {
            throw new IllegalStateException("Tribuo gave no tree a positive weight: " + model);
        }
        String description = settings() + "; Tribuo, " + data.size() + " rows, " + data.churners() + " churners";
        ModelSpec spec = ModelSpec.trees(name, description, specs,
                weights.stream().mapToDouble(Double::doubleValue).toArray());
        return new Fitted(spec,
                row -> TribuoData.churnProbability(model, data.featureNames(), TribuoData.roundForTrees(row)));
    }

    private Trainer<Label> tribuoTrainer(long seed) {
        return switch (method) {
            case CART -> cartTrainer(1f, false, seed);
            case BAGGING -> new BaggingTrainer<>(cartTrainer(1f, false, seed),
                    new FullyWeightedVotingCombiner(), trees, seed);
            case RANDOM_FOREST -> new RandomForestTrainer<>(cartTrainer(featureFraction, false, seed),
                    new FullyWeightedVotingCombiner(), trees, seed);
            case EXTRA_TREES -> new ExtraTreesTrainer<>(cartTrainer(featureFraction, true, seed),
                    new FullyWeightedVotingCombiner(), trees, seed);
            case ADABOOST -> new AdaBoostTrainer(cartTrainer(1f, false, seed), trees, seed);
        };
    }

    private CARTClassificationTrainer cartTrainer(float fraction, boolean randomSplits, long seed) {
        return new CARTClassificationTrainer(maxDepth, minChildWeight, 0f, fraction, randomSplits,
                new GiniIndex(), seed);
    }

    /**
     * The member weights Tribuo combines with. Tribuo 4.3 has no getter for them; its protobuf
     * form (a public, versioned format) carries them.
     */
    private static double[] weightsOf(WeightedEnsembleModel<Label> ensemble) {
        try {
            WeightedEnsembleModelProto proto = ensemble.serialize().getSerializedData()
                    .unpack(WeightedEnsembleModelProto.class);
            double[] weights = new double[proto.getWeightsCount()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = proto.getWeights(i);
            }
            if (weights.length != ensemble.getNumModels()) {
                throw new IllegalStateException(weights.length + " weights for " + ensemble.getNumModels() + " trees");
            }
            return weights;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot read the ensemble weights of a Tribuo model", e);
        }
    }
}
