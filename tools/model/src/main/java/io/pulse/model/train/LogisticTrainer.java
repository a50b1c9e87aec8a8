package io.pulse.model.train;

import io.pulse.scoring.model.ModelSpec;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;

import java.util.Locale;

/**
 * Trains logistic regression with Tribuo (linear SGD, log loss) on standardised features and
 * exports it as {@link ModelSpec#logistic}.
 *
 * <p>Standardisation is done here, not by Tribuo, so the exported mean and scale are exactly the
 * ones the weights were fitted against: {@code z_j = (x_j - mean_j) / scale_j} with the mean and
 * population standard deviation of the training rows that have feature j. A missing value (NaN) is
 * imputed with that mean, so its z is 0, and the job does the same: a missing feature adds exactly
 * nothing to the log-odds. A constant column gets its value as mean, scale 1 and weight 0 (its z is
 * always 0, so it cannot matter, and a zero weight keeps its contribution at 0 for subscribers
 * whose value differs in production); a column no training row has is constant at 0.
 *
 * <p>Tribuo fits a two-class softmax (one weight row per label); its churn probability {@code
 * exp(a_churn) / (exp(a_churn) + exp(a_stay))} is {@code sigmoid(a_churn - a_stay)}, so the
 * exported weights and intercept are the churn row minus the stay row.
 */
public final class LogisticTrainer extends TribuoTrainer {
    /** AdaGrad's epsilon, Tribuo's default for its logistic regression. */
    private static final double ADAGRAD_EPSILON = 0.1;

    private final String name;
    private final int epochs;
    private final double learningRate;

    /**
     * Logistic regression fitted by AdaGrad SGD (one example per step, order shuffled by the seed),
     * without a penalty: the L2 penalty Tribuo offers comes only with its Pegasos optimiser, which
     * cross-validated far worse here (see the model module's notes).
     *
     * @param epochs passes over the training rows
     * @param learningRate AdaGrad's initial rate
     */
    public LogisticTrainer(String name, int epochs, double learningRate) {
        if (epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException(
                    "invalid logistic settings: epochs="
                            + epochs
                            + ", learningRate="
                            + learningRate);
        }
        this.name = name;
        this.epochs = epochs;
        this.learningRate = learningRate;
    }

    /**
     * The default logistic model, named "logistic": 10 epochs at rate 0.05. Tribuo's own default (5
     * epochs at 1.0) ends on a noisy iterate; smaller rates and more epochs all converge to the
     * same cross-validated AUC.
     */
    public static LogisticTrainer defaults() {
        return new LogisticTrainer("logistic", 10, 0.05);
    }

    public LogisticTrainer named(String newName) {
        return new LogisticTrainer(newName, epochs, learningRate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String settings() {
        return String.format(
                Locale.ROOT,
                "logistic regression on standardised features, AdaGrad SGD, %d epochs, rate %s",
                epochs,
                learningRate);
    }

    @Override
    Fitted fit(LabelledSet data, long seed) {
        data.requireBothClasses();
        TribuoData.quietLogging();
        Standardiser standardiser = Standardiser.of(data.x());
        MutableDataset<Label> dataset =
                TribuoData.dataset(data.featureNames(), standardiser.apply(data.x()), data.y());
        LinearSGDTrainer trainer =
                new LinearSGDTrainer(
                        new LogMulticlass(),
                        new AdaGrad(learningRate, ADAGRAD_EPSILON),
                        epochs,
                        -1,
                        1,
                        seed);
        LinearSGDModel model = trainer.train(dataset);

        ImmutableOutputInfo<Label> labels = model.getOutputIDInfo();
        int churn = labels.getID(new Label(TribuoData.CHURN));
        int stay = labels.getID(new Label(TribuoData.STAY));
        DenseMatrix w = model.getWeightsCopy(); // [label][feature id], bias in the last column
        ImmutableFeatureMap featureMap = model.getFeatureIDMap();
        int[] columns = TribuoData.columnsOf(featureMap, data.featureIndex());
        double[] weights = new double[data.features()];
        for (int id = 0; id < columns.length; id++) {
            if (!standardiser.constant()[columns[id]]) {
                weights[columns[id]] = w.get(churn, id) - w.get(stay, id);
            }
        }
        int bias = w.getDimension2Size() - 1;
        double intercept = w.get(churn, bias) - w.get(stay, bias);

        String description =
                settings() + "; Tribuo, " + data.size() + " rows, " + data.churners() + " churners";
        ModelSpec spec =
                ModelSpec.logistic(
                        name,
                        description,
                        intercept,
                        weights,
                        standardiser.mean().clone(),
                        standardiser.scale().clone(),
                        columnMin(data.x()),
                        columnMax(data.x()));
        return new Fitted(
                spec,
                row ->
                        TribuoData.churnProbability(
                                model, data.featureNames(), standardiser.apply(row)));
    }

    /** The smallest present value of each column; 0 for a column without any. */
    private static double[] columnMin(double[][] x) {
        return columnBound(x, true);
    }

    /** The largest present value of each column; 0 for a column without any. */
    private static double[] columnMax(double[][] x) {
        return columnBound(x, false);
    }

    private static double[] columnBound(double[][] x, boolean min) {
        double[] bound = new double[x[0].length];
        for (int j = 0; j < bound.length; j++) {
            double b = Double.NaN;
            for (double[] row : x) {
                double v = row[j];
                if (!Double.isNaN(v) && (Double.isNaN(b) || (min ? v < b : v > b))) {
                    b = v;
                }
            }
            bound[j] = Double.isNaN(b) ? 0 : b;
        }
        return bound;
    }

    /** Column means and scales of a matrix, and the standardisation they define. */
    record Standardiser(double[] mean, double[] scale, boolean[] constant) {

        /** Over the present (not NaN) values of each column. */
        static Standardiser of(double[][] x) {
            int p = x[0].length;
            double[] mean = new double[p];
            double[] scale = new double[p];
            boolean[] constant = new boolean[p];
            for (int j = 0; j < p; j++) {
                double first = Double.NaN;
                boolean same = true;
                double sum = 0;
                int present = 0;
                for (double[] row : x) {
                    double v = row[j];
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    if (present++ == 0) {
                        first = v;
                    }
                    sum += v;
                    same &= v == first;
                }
                if (same) {
                    // exact: z is then exactly 0, whatever rounding a computed mean would carry
                    mean[j] = present == 0 ? 0 : first;
                    scale[j] = 1;
                    constant[j] = true;
                    continue;
                }
                double m = sum / present;
                double squares = 0;
                for (double[] row : x) {
                    if (!Double.isNaN(row[j])) {
                        squares += (row[j] - m) * (row[j] - m);
                    }
                }
                mean[j] = m;
                scale[j] = Math.sqrt(squares / present);
            }
            return new Standardiser(mean, scale, constant);
        }

        /** Standardised values; a missing one is the mean, so 0. */
        double[] apply(double[] row) {
            double[] z = new double[row.length];
            for (int j = 0; j < row.length; j++) {
                z[j] = Double.isNaN(row[j]) ? 0 : (row[j] - mean[j]) / scale[j];
            }
            return z;
        }

        double[][] apply(double[][] rows) {
            double[][] z = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                z[i] = apply(rows[i]);
            }
            return z;
        }
    }
}
