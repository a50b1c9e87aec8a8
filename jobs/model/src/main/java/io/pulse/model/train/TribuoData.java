package io.pulse.model.train;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Converts between {@link LabelledSet} rows and Tribuo's examples, labels and feature ids. */
final class TribuoData {
    static final String CHURN = "churn";
    static final String STAY = "stay";
    static final LabelFactory LABELS = new LabelFactory();

    /**
     * Tribuo's ensemble trainers log every member at INFO. Held strongly so the level set in
     * {@link #quietLogging()} survives garbage collection of the logger.
     */
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    private TribuoData() {}

    /** Raises Tribuo's log level to WARNING unless someone configured it explicitly. */
    static synchronized void quietLogging() {
        if (TRIBUO_LOGGER.getLevel() == null) {
            TRIBUO_LOGGER.setLevel(Level.WARNING);
        }
    }

    /**
     * Significant digits kept by {@link #roundForTrees}: far below any real measurement's
     * precision, far above floating-point noise (about 16 digits).
     */
    static final int TREE_DIGITS = 10;

    /**
     * The value rounded to {@link #TREE_DIGITS} significant digits, for Tribuo's tree learners.
     *
     * <p>Tribuo 4.3.2's CART splits halfway between two neighbouring values; when those are adjacent
     * doubles (as sums like 43.73 and 43.730000000000004 are) the halfway point rounds onto one of
     * them, the rows it then sends to each child disagree with the class counts it computed, and
     * the subtree below is trained on wrong counts (even negative ones). Rounding first keeps
     * distinct values at least 1e-10 apart relative to their size, so every split point lies
     * strictly between them. {@link RoundedSplits} maps the split points back to raw values.
     */
    static double roundForTrees(double value) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(new MathContext(TREE_DIGITS, RoundingMode.HALF_EVEN)).doubleValue();
    }

    static double[] roundForTrees(double[] row) {
        double[] rounded = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            rounded[j] = roundForTrees(row[j]);
        }
        return rounded;
    }

    static double[][] roundForTrees(double[][] rows) {
        double[][] rounded = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            rounded[i] = roundForTrees(rows[i]);
        }
        return rounded;
    }

    /** Every row as a Tribuo example, all features present (zeros too), labelled churn or stay. */
    static MutableDataset<Label> dataset(List<String> featureNames, double[][] x, int[] y) {
        String[] names = featureNames.toArray(new String[0]);
        MutableDataset<Label> dataset =
                new MutableDataset<>(new SimpleDataSourceProvenance("pulse labelled set", LABELS), LABELS);
        for (int i = 0; i < x.length; i++) {
            dataset.add(new ArrayExample<>(new Label(y[i] == 1 ? CHURN : STAY), names, x[i]));
        }
        return dataset;
    }

    static MutableDataset<Label> dataset(LabelledSet data) {
        return dataset(data.featureNames(), data.x(), data.y());
    }

    /** Tribuo's churn probability (the score of the churn label) for one feature vector. */
    static double churnProbability(Model<Label> model, List<String> featureNames, double[] row) {
        Example<Label> example = new ArrayExample<>(LabelFactory.UNKNOWN_LABEL,
                featureNames.toArray(new String[0]), row);
        return churnScore(model.predict(example));
    }

    static double churnScore(Prediction<Label> prediction) {
        return churnScore(prediction.getOutputScores());
    }

    /** The churn label's score in a label distribution; absent (a one-class model) means 0. */
    static double churnScore(Map<String, Label> scores) {
        Label churn = scores.get(CHURN);
        return churn == null ? 0.0 : churn.getScore();
    }

    /**
     * For each of Tribuo's feature ids, the column of that feature in {@code featureIndex}. Tribuo
     * numbers features in its own order (by name) and keeps only those it saw in training.
     */
    static int[] columnsOf(ImmutableFeatureMap featureMap, Map<String, Integer> featureIndex) {
        int[] columns = new int[featureMap.size()];
        for (int id = 0; id < columns.length; id++) {
            String name = featureMap.get(id).getName();
            Integer column = featureIndex.get(name);
            if (column == null) {
                throw new IllegalStateException("Tribuo feature '" + name + "' is not a training feature");
            }
            columns[id] = column;
        }
        return columns;
    }
}
