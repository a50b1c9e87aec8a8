package io.pulse.scoring.churn;

import io.pulse.scoring.config.ConfigException;
import io.pulse.scoring.config.ScoringConfig.Band;
import io.pulse.scoring.config.ScoringConfig.BandKind;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.OperatingPoint;

import java.util.List;
import java.util.Locale;

/**
 * The probability from which CHURN_RISK is raised: the configured one, or the lowest threshold of
 * the model file's operating points at which a monthly contact budget is kept or a precision
 * reached. Decided once when the job starts, from the configuration and the model file alone, so
 * every subtask flags from the same probability.
 */
public final class ChurnBand {

    private ChurnBand() {}

    public static double threshold(Band band, ModelArtifact artifact) {
        if (band.kind() == BandKind.PROBABILITY) {
            return band.value();
        }
        List<OperatingPoint> points = artifact.operatingPoints();
        if (points.isEmpty()) {
            throw new ConfigException(
                    String.format(
                            Locale.ROOT,
                            "churn.band.%s needs a model file with operating points, measured on a training history; "
                                    + "model %s has none (trained on a labelled file?): give churn.band.probability instead",
                            band.kind().key,
                            artifact.version()));
        }
        switch (band.kind()) {
            case MONTHLY_BUDGET:
                for (OperatingPoint point : points) {
                    if (point.monthlyFlagged() <= band.value()) {
                        return point.threshold();
                    }
                }
                return points.get(points.size() - 1).threshold();
            default:
                OperatingPoint best = points.get(0);
                for (OperatingPoint point : points) {
                    if (point.precision() >= band.value()) {
                        return point.threshold();
                    }
                    best = point.precision() > best.precision() ? point : best;
                }
                throw new ConfigException(
                        String.format(
                                Locale.ROOT,
                                "churn.band.precision %.2f is more than model %s reached on its evaluation data (at most %.2f,"
                                        + " from %.3f): lower it, or give a monthly-budget or a probability",
                                band.value(),
                                artifact.version(),
                                best.precision(),
                                best.threshold()));
        }
    }
}
