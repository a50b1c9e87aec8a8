package io.pulse.model.train;

import io.pulse.scoring.model.Calibration;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationFitTest {

    /** Raw scores with log-odds spread over -4..4 and labels drawn from sigmoid(a * logit + b). */
    private static Pairs pairs(int n, double a, double b, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double logit = random.nextDouble(-4, 4);
            p[i] = Calibration.sigmoid(logit);
            y[i] = random.nextDouble() < Calibration.sigmoid(a * logit + b) ? 1 : 0;
        }
        return new Pairs(p, y);
    }

    private record Pairs(double[] p, int[] y) {
        double rate() {
            double churners = 0;
            for (int label : y) {
                churners += label;
            }
            return churners / y.length;
        }
    }

    @Test
    void recoversKnownParameters() {
        Pairs data = pairs(40_000, 0.6, -1.2, 1);
        Calibration fitted = CalibrationFit.fit(data.p(), data.y());
        assertThat(fitted.a()).isCloseTo(0.6, within(0.03));
        assertThat(fitted.b()).isCloseTo(-1.2, within(0.05));

        Pairs calibrated = pairs(40_000, 1, 0, 2);
        Calibration identity = CalibrationFit.fit(calibrated.p(), calibrated.y());
        assertThat(identity.a()).isCloseTo(1, within(0.04));
        assertThat(identity.b()).isCloseTo(0, within(0.04));
    }

    @Test
    void aMiscalibratedModelGetsTheBaseRateAsMeanAndABetterBrierScore() {
        // an over-confident model that also over-states churn: true log-odds are 0.4 * its own -
        // 1.5
        Pairs data = pairs(20_000, 0.4, -1.5, 3);
        Calibration fitted = CalibrationFit.fit(data.p(), data.y());
        double[] calibrated = CalibrationFit.apply(fitted, data.p());
        assertThat(mean(data.p())).isCloseTo(0.5, within(0.02));
        assertThat(data.rate()).isLessThan(0.3);
        // the intercept's likelihood equation: calibrated probabilities add up to the churners
        assertThat(mean(calibrated)).isCloseTo(data.rate(), within(1e-9));
        assertThat(CalibrationFit.brier(calibrated, data.y()))
                .isLessThan(CalibrationFit.brier(data.p(), data.y()) - 0.05);
        assertThat(CalibrationFit.logLoss(calibrated, data.y()))
                .isLessThan(CalibrationFit.logLoss(data.p(), data.y()));
        // ranking unchanged
        assertThat(fitted.a()).isPositive();
    }

    @Test
    void aPriorShiftMovesTheMeanToTheTargetRate() {
        Pairs data = pairs(40_000, 0.8, -1.0, 4);
        Calibration fitted = CalibrationFit.fit(data.p(), data.y());
        Calibration shifted = CalibrationFit.priorShift(fitted, data.rate(), 0.02);
        assertThat(shifted.a()).isEqualTo(fitted.a());
        assertThat(shifted.b())
                .isCloseTo(
                        fitted.b() + Calibration.logit(0.02) - Calibration.logit(data.rate()),
                        within(1e-12));
        double before = mean(CalibrationFit.apply(fitted, data.p()));
        double after = mean(CalibrationFit.apply(shifted, data.p()));
        assertThat(before).isCloseTo(data.rate(), within(1e-9)).isGreaterThan(0.2);
        assertThat(after).isLessThan(before / 4);

        // an operator's population: the same churners and stayers, but only 2% churners (all the
        // stayers, a sample of the churners); there the shifted probabilities mean 2%
        SplittableRandom random = new SplittableRandom(8);
        int stayers = 0;
        for (int label : data.y()) {
            stayers += 1 - label;
        }
        double keep = 0.02 / 0.98 * stayers / (data.y().length - stayers);
        double sum = 0;
        int rows = 0;
        int churners = 0;
        for (int i = 0; i < data.y().length; i++) {
            if (data.y()[i] == 0 || random.nextDouble() < keep) {
                sum += shifted.ofProbability(data.p()[i]);
                rows++;
                churners += data.y()[i];
            }
        }
        assertThat((double) churners / rows).isCloseTo(0.02, within(0.002));
        assertThat(sum / rows).isCloseTo(0.02, within(0.002));
        // the same, without drawing: every row weighted to the new mix
        assertThat(
                        CalibrationFit.meanAtRate(
                                CalibrationFit.apply(shifted, data.p()), data.y(), 0.02))
                .isCloseTo(0.02, within(0.001));

        // shifting to the sample's own rate changes nothing
        assertThat(CalibrationFit.priorShift(fitted, data.rate(), data.rate()).b())
                .isCloseTo(fitted.b(), within(1e-12));
        assertThatThrownBy(() -> CalibrationFit.priorShift(fitted, data.rate(), 1.0))
                .hasMessageContaining("between 0 and 1");
    }

    @Test
    void probabilitiesOfZeroAndOneAreKeptFinite() {
        Pairs data = pairs(2_000, 1, 0, 5);
        double[] p = data.p().clone();
        p[0] = 0;
        p[1] = 1;
        Calibration fitted = CalibrationFit.fit(p, data.y());
        assertThat(Double.isFinite(fitted.a()) && Double.isFinite(fitted.b())).isTrue();
        for (double q : CalibrationFit.apply(fitted, p)) {
            assertThat(q).isBetween(0.0, 1.0);
        }
    }

    @Test
    void refusesWhatCannotBeCalibrated() {
        assertThatThrownBy(() -> CalibrationFit.fit(new double[] {0.2, 0.3}, new int[] {0, 0}))
                .hasMessageContaining("churners and non-churners");
        assertThatThrownBy(
                        () -> CalibrationFit.fit(new double[] {0.3, 0.3, 0.3}, new int[] {0, 1, 0}))
                .hasMessageContaining("undefined");
        // perfectly separated: the slope has no finite optimum
        assertThatThrownBy(
                        () ->
                                CalibrationFit.fit(
                                        new double[] {0.1, 0.2, 0.8, 0.9}, new int[] {0, 0, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        // higher probability, fewer churners
        Pairs reversed = pairs(5_000, -0.5, 0, 6);
        assertThatThrownBy(() -> CalibrationFit.fit(reversed.p(), reversed.y()))
                .hasMessageContaining("rank churners below");
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
