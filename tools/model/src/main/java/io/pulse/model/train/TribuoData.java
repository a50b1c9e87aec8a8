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
     * Tribuo's ensemble trainers log every member at INFO. Held strongly so the level set in {@link
     * #quietLogging()} survives garbage collection of the logger.
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
     * Every row as a Tribuo example, all features present (zeros too), labelled churn or stay; rows
     * must be finite.
     */
    static MutableDataset<Label> dataset(List<String> featureNames, double[][] x, int[] y) {
        String[] names = featureNames.toArray(new String[0]);
        MutableDataset<Label> dataset =
                new MutableDataset<>(
                        new SimpleDataSourceProvenance("pulse labelled set", LABELS), LABELS);
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
        Example<Label> example =
                new ArrayExample<>(
                        LabelFactory.UNKNOWN_LABEL, featureNames.toArray(new String[0]), row);
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
                throw new IllegalStateException(
                        "Tribuo feature '" + name + "' is not a training feature");
            }
            columns[id] = column;
        }
        return columns;
    }
}
