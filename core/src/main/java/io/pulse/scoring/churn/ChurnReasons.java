package io.pulse.scoring.churn;

import io.pulse.schema.Reason;
import io.pulse.scoring.features.Feature;

import java.util.ArrayList;
import java.util.List;

/**
 * Reasons from a trained model's per-feature contributions: the features that raise the risk most.
 * A missing feature (NaN) is never a reason, whatever a model credited to it: "price per minute:
 * unknown" explains nothing to a retention team.
 */
final class ChurnReasons {
    static final int TOP_REASONS = 3;
    private static final Feature[] FEATURES = Feature.values();

    private ChurnReasons() {}

    static List<Reason> fromContributions(
            double[] features, double[] contributions, double[] typical) {
        List<Reason> reasons = new ArrayList<>(TOP_REASONS);
        boolean[] used = new boolean[features.length];
        while (reasons.size() < TOP_REASONS) {
            int best = -1;
            for (int j = 0; j < contributions.length; j++) {
                boolean candidate = !used[j] && contributions[j] > 0 && !Double.isNaN(features[j]);
                if (candidate && (best < 0 || contributions[j] > contributions[best])) {
                    best = j;
                }
            }
            if (best < 0) {
                break;
            }
            used[best] = true;
            Feature feature = FEATURES[best];
            reasons.add(
                    Reason.newBuilder()
                            .setCode(feature.name())
                            .setText(feature.describe(features[best], typical[best]))
                            .setMeasured(features[best])
                            .setBaseline(typical[best])
                            .setContribution(contributions[best])
                            .setCause(feature.cause())
                            .build());
        }
        return reasons;
    }
}
