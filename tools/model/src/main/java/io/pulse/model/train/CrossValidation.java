package io.pulse.model.train;

import io.pulse.scoring.model.Calibration;
import io.pulse.scoring.model.ChurnModel;
import io.pulse.scoring.model.CombineRule;
import io.pulse.scoring.model.ModelSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Repeated stratified k-fold cross-validation of churn models, scored through the job's own serving
 * code ({@link ChurnModel#of}) so it measures exactly what the job would serve.
 *
 * <p>Each repeat splits the rows into {@code folds} folds with the same share of churners, trains
 * every model on all folds but one and scores the held-out fold, giving one out-of-fold probability
 * per row, model and repeat. Metrics are computed per repeat on those out-of-fold probabilities and
 * then averaged over the repeats. The combined model applies a {@link CombineRule} to the members'
 * out-of-fold probabilities of each row.
 *
 * <p>Everything follows from the seed: fold assignment and training seeds are derived from it, and
 * folds may train in parallel without changing any result.
 */
public final class CrossValidation {
    /** The report key of the combined rule, as in {@code ModelArtifact.crossValidation}. */
    public static final String COMBINED = "combined";

    public static final int DEFAULT_REPEATS = 3;
    public static final int DEFAULT_FOLDS = 5;

    private CrossValidation() {}

    /**
     * Cross-validates {@code trainers} and their combination: reports per model name, in the given
     * order, then {@link #COMBINED}.
     */
    public static Map<String, Metrics.Report> run(
            LabelledSet data,
            List<ModelTrainer> trainers,
            CombineRule rule,
            double threshold,
            int repeats,
            int folds,
            long seed) {
        return outOfFold(data, trainers, repeats, folds, seed).reports(rule, threshold);
    }

    /** {@link #run} with {@link #DEFAULT_REPEATS} x {@link #DEFAULT_FOLDS}. */
    public static Map<String, Metrics.Report> run(
            LabelledSet data,
            List<ModelTrainer> trainers,
            CombineRule rule,
            double threshold,
            long seed) {
        return run(data, trainers, rule, threshold, DEFAULT_REPEATS, DEFAULT_FOLDS, seed);
    }

    /** The out-of-fold probabilities of every model, for any number of rules and thresholds. */
    public static OutOfFold outOfFold(
            LabelledSet data, List<ModelTrainer> trainers, int repeats, int folds, long seed) {
        if (trainers.isEmpty()) {
            throw new IllegalArgumentException("no models to cross-validate");
        }
        if (repeats < 1 || folds < 2) {
            throw new IllegalArgumentException(
                    "need at least 1 repeat and 2 folds, got " + repeats + " x " + folds);
        }
        int churners = data.churners();
        if (churners < folds || data.size() - churners < folds) {
            throw new IllegalArgumentException(
                    "too few churners or non-churners for "
                            + folds
                            + " folds: "
                            + churners
                            + " of "
                            + data.size());
        }
        List<String> names = trainers.stream().map(ModelTrainer::name).toList();
        if (names.contains(COMBINED) || names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException(
                    "model names must be unique and not '" + COMBINED + "': " + names);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] foldSeeds = new long[repeats];
        long[][] trainSeeds = new long[repeats][folds];
        for (int r = 0; r < repeats; r++) {
            foldSeeds[r] = random.nextLong();
            for (int f = 0; f < folds; f++) {
                trainSeeds[r][f] = random.nextLong();
            }
        }
        int[][] foldOf = new int[repeats][];
        for (int r = 0; r < repeats; r++) {
            foldOf[r] = stratifiedFolds(data.y(), folds, foldSeeds[r]);
        }

        double[][][] probability = new double[repeats][trainers.size()][data.size()];
        long[][] fitNanos = new long[repeats * folds][trainers.size()];
        IntStream.range(0, repeats * folds)
                .parallel()
                .forEach(
                        task -> {
                            int r = task / folds;
                            int f = task % folds;
                            int[] testRows = rowsWhere(foldOf[r], f, true);
                            LabelledSet train = data.subset(rowsWhere(foldOf[r], f, false));
                            for (int m = 0; m < trainers.size(); m++) {
                                long start = System.nanoTime();
                                ModelSpec spec = trainers.get(m).train(train, trainSeeds[r][f]);
                                fitNanos[task][m] = System.nanoTime() - start;
                                ChurnModel model = ChurnModel.of(spec);
                                double[] contributions = new double[data.features()];
                                for (int row : testRows) {
                                    // distinct (repeat, model, row) cells per task: no two tasks
                                    // write the same one
                                    probability[r][m][row] =
                                            model.predict(data.x()[row], contributions);
                                }
                            }
                        });
        double[] meanFitSeconds = new double[trainers.size()];
        for (long[] task : fitNanos) {
            for (int m = 0; m < trainers.size(); m++) {
                meanFitSeconds[m] += task[m] / 1e9 / fitNanos.length;
            }
        }
        return new OutOfFold(names, data.y(), probability, meanFitSeconds);
    }

    /**
     * A fold number (0..folds-1) per row such that every fold gets an equal share, within one row,
     * of each class: each class's rows are shuffled and dealt out round robin, the deal continuing
     * across classes so fold sizes also differ by at most one.
     */
    static int[] stratifiedFolds(int[] y, int folds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] fold = new int[y.length];
        int next = 0;
        for (int label = 0; label <= 1; label++) {
            int finalLabel = label;
            int[] rows = IntStream.range(0, y.length).filter(i -> y[i] == finalLabel).toArray();
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            for (int row : rows) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    private static int[] rowsWhere(int[] foldOf, int fold, boolean inFold) {
        return IntStream.range(0, foldOf.length)
                .filter(i -> (foldOf[i] == fold) == inFold)
                .toArray();
    }

    /**
     * Out-of-fold churn probabilities: {@code probability[repeat][model][row]}, models in the order
     * of {@code models}; {@code meanFitSeconds[model]} is the mean time to train and export on one
     * training split (wall clock, with folds possibly training in parallel).
     */
    public record OutOfFold(
            List<String> models, int[] y, double[][][] probability, double[] meanFitSeconds) {

        public int repeats() {
            return probability.length;
        }

        /** The model's metrics, computed per repeat and averaged. */
        public Metrics.Report report(String model, double threshold) {
            int m = indexOf(model);
            List<Metrics.Report> perRepeat = new ArrayList<>();
            for (double[][] repeat : probability) {
                perRepeat.add(Metrics.report(model, repeat[m], y, threshold));
            }
            return Metrics.mean(model, perRepeat);
        }

        /**
         * The combined rule's metrics (under the name {@link #COMBINED}), per repeat and averaged.
         */
        public Metrics.Report combined(CombineRule rule, double threshold) {
            List<Metrics.Report> perRepeat = new ArrayList<>();
            for (double[][] repeat : probability) {
                perRepeat.add(Metrics.report(COMBINED, combine(rule, repeat), y, threshold));
            }
            return Metrics.mean(COMBINED, perRepeat);
        }

        /**
         * The model's out-of-fold probabilities of every repeat, one after the other: held-out
         * pairs with {@link #pooledLabels()} to fit a calibration on.
         */
        public double[] pooled(String model) {
            int m = indexOf(model);
            double[] pooled = new double[repeats() * y.length];
            for (int r = 0; r < repeats(); r++) {
                System.arraycopy(probability[r][m], 0, pooled, r * y.length, y.length);
            }
            return pooled;
        }

        /** The labels of {@link #pooled}. */
        public int[] pooledLabels() {
            int[] pooled = new int[repeats() * y.length];
            for (int r = 0; r < repeats(); r++) {
                System.arraycopy(y, 0, pooled, r * y.length, y.length);
            }
            return pooled;
        }

        /**
         * The same probabilities through each model's calibration (a model without one keeps its
         * own).
         */
        public OutOfFold calibrated(Map<String, Calibration> calibrations) {
            double[][][] calibrated = new double[repeats()][models.size()][];
            for (int r = 0; r < repeats(); r++) {
                for (int m = 0; m < models.size(); m++) {
                    Calibration c = calibrations.get(models.get(m));
                    calibrated[r][m] =
                            c == null
                                    ? probability[r][m].clone()
                                    : CalibrationFit.apply(c, probability[r][m]);
                }
            }
            return new OutOfFold(models, y, calibrated, meanFitSeconds);
        }

        private int indexOf(String model) {
            int m = models.indexOf(model);
            if (m < 0) {
                throw new IllegalArgumentException("no model '" + model + "' in " + models);
            }
            return m;
        }

        /** Every model's report in order, then {@link #COMBINED}. */
        public Map<String, Metrics.Report> reports(CombineRule rule, double threshold) {
            Map<String, Metrics.Report> reports = new LinkedHashMap<>();
            for (String model : models) {
                reports.put(model, report(model, threshold));
            }
            reports.put(COMBINED, combined(rule, threshold));
            return reports;
        }

        private static double[] combine(CombineRule rule, double[][] byModel) {
            int rows = byModel[0].length;
            double[] combined = new double[rows];
            double[] members = new double[byModel.length];
            for (int i = 0; i < rows; i++) {
                for (int m = 0; m < byModel.length; m++) {
                    members[m] = byModel[m][i];
                }
                combined[i] = rule.combine(members);
            }
            return combined;
        }
    }
}
