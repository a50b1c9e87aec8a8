package io.pulse.model.train;

import io.pulse.scoring.model.Calibration;

/**
 * Fits a model's {@link Calibration} and moves it to another base rate.
 *
 * <p>{@link #fit} is Platt scaling by maximum likelihood: the logistic regression of the labels on
 * the raw log-odds {@code logit(p)}, two parameters, solved by Newton's method (iteratively
 * reweighted least squares) with step halving. It must see held-out pairs (out-of-fold
 * probabilities of models that did not train on those rows): on its own training rows a model is
 * over-confident. At the optimum the calibrated probabilities add up to the number of churners (the
 * intercept's equation), so their mean is the sample's churn rate.
 *
 * <p>{@link #priorShift} adapts the calibration to a population whose churn rate differs from the
 * sample's (the public set has 14.5% churners, an operator loses 1-3% a month): with the same
 * behaviour of churners and of those who stay, only the prior odds change, so the log-odds move by
 * {@code logit(target) - logit(sampleRate)}.
 */
public final class CalibrationFit {
    /** Probabilities are kept this far from 0 and 1 so that their log-odds are finite. */
    static final double EPSILON = 1e-12;

    private static final int MAX_ITERATIONS = 100;

    private CalibrationFit() {}

    /**
     * The maximum-likelihood Platt calibration of held-out probabilities {@code p} against labels
     * {@code y} (1: churned).
     *
     * @throws IllegalArgumentException without both classes, when the probabilities do not separate
     *     the classes at all (every one equal), when they separate them perfectly (no finite
     *     optimum), or when higher probabilities mean fewer churners (the calibration would reverse
     *     the model's ranking)
     */
    public static Calibration fit(double[] p, int[] y) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(
                    p.length + " probabilities but " + y.length + " labels");
        }
        double[] x = new double[p.length];
        int churners = 0;
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException(
                        "probability " + p[i] + " at row " + i + " is not in 0..1");
            }
            x[i] = Calibration.logit(Math.max(EPSILON, Math.min(1 - EPSILON, p[i])));
            churners += y[i];
        }
        if (churners == 0 || churners == p.length) {
            throw new IllegalArgumentException(
                    "calibration needs churners and non-churners, got "
                            + churners
                            + " of "
                            + p.length);
        }
        double a = 1;
        double b = 0;
        double likelihood = logLikelihood(x, y, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // gradient and (negated) hessian of the log-likelihood in (a, b)
            double ga = 0;
            double gb = 0;
            double haa = 0;
            double hab = 0;
            double hbb = 0;
            for (int i = 0; i < x.length; i++) {
                double q = Calibration.sigmoid(a * x[i] + b);
                double r = y[i] - q;
                double w = q * (1 - q);
                ga += r * x[i];
                gb += r;
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            double determinant = haa * hbb - hab * hab;
            if (!(determinant > 1e-12 * haa * hbb)) {
                throw new IllegalArgumentException(
                        "calibration is undefined: the held-out probabilities are all "
                                + "(nearly) the same, or separate churners perfectly");
            }
            double da = (hbb * ga - hab * gb) / determinant;
            double db = (haa * gb - hab * ga) / determinant;
            double step = 1;
            double next = logLikelihood(x, y, a + da, b + db);
            while (next < likelihood && step > 1e-10) {
                step /= 2;
                next = logLikelihood(x, y, a + step * da, b + step * db);
            }
            if (next < likelihood) {
                // no step improves any more: at the optimum up to rounding
                return increasing(new Calibration(a, b));
            }
            a += step * da;
            b += step * db;
            double change = Math.abs(step * da) + Math.abs(step * db);
            likelihood = next;
            if (change < 1e-10 * (1 + Math.abs(a) + Math.abs(b))) {
                return increasing(new Calibration(a, b));
            }
        }
        throw new IllegalArgumentException(
                "calibration did not converge in "
                        + MAX_ITERATIONS
                        + " steps: the held-out probabilities separate churners (almost) perfectly, slope "
                        + a);
    }

    /**
     * {@code calibration} for a population whose churn rate is {@code targetRate} instead of the
     * training sample's {@code sampleRate}.
     */
    public static Calibration priorShift(
            Calibration calibration, double sampleRate, double targetRate) {
        for (double rate : new double[] {sampleRate, targetRate}) {
            if (!(rate > 0 && rate < 1)) {
                throw new IllegalArgumentException(
                        "a churn rate must be between 0 and 1 (exclusive), got " + rate);
            }
        }
        return new Calibration(
                calibration.a(),
                calibration.b() + Calibration.logit(targetRate) - Calibration.logit(sampleRate));
    }

    /** Calibrated probabilities of {@code p}. */
    public static double[] apply(Calibration calibration, double[] p) {
        double[] calibrated = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            calibrated[i] =
                    calibration.ofProbability(Math.max(EPSILON, Math.min(1 - EPSILON, p[i])));
        }
        return calibrated;
    }

    /**
     * Mean squared difference of probabilities and labels: lower is better calibrated (and
     * sharper).
     */
    public static double brier(double[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return sum / p.length;
    }

    /**
     * The mean of {@code p} in a population with the same churners and stayers as the labelled rows
     * but a churn rate of {@code rate}: churners weighted {@code rate / sampleRate}, the others
     * {@code (1 - rate) / (1 - sampleRate)}. After {@link #priorShift} to {@code rate}, a
     * calibrated model's probabilities have about that mean.
     */
    public static double meanAtRate(double[] p, int[] y, double rate) {
        double churners = 0;
        for (int label : y) {
            churners += label;
        }
        double sampleRate = churners / y.length;
        double sum = 0;
        double weights = 0;
        for (int i = 0; i < p.length; i++) {
            double w = y[i] == 1 ? rate / sampleRate : (1 - rate) / (1 - sampleRate);
            sum += w * p[i];
            weights += w;
        }
        return sum / weights;
    }

    /**
     * Mean negative log-likelihood of probabilities against labels (log loss, natural log), the
     * quantity {@link #fit} minimises; probabilities kept {@link #EPSILON} from 0 and 1.
     */
    public static double logLoss(double[] p, int[] y) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.max(EPSILON, Math.min(1 - EPSILON, p[i]));
            sum -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        return sum / p.length;
    }

    private static Calibration increasing(Calibration c) {
        if (!(c.a() > 0)) {
            throw new IllegalArgumentException(
                    "held-out probabilities rank churners below the others (Platt slope "
                            + c.a()
                            + "): the model has learnt nothing to calibrate");
        }
        return c;
    }

    private static double logLikelihood(double[] x, int[] y, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // log(sigmoid(z)) and log(1 - sigmoid(z)) without overflow
            double log1pExp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
            sum += y[i] == 1 ? z - log1pExp : -log1pExp;
        }
        return sum;
    }
}
