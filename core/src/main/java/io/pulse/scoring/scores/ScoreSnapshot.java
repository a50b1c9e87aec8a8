package io.pulse.scoring.scores;

import io.pulse.schema.KeyAccountSize;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Segment;
import io.pulse.schema.ValueTier;
import io.pulse.scoring.churn.ChurnAssessment;

/** Every score of a subscriber at one moment: what score updates and alerts carry. */
public record ScoreSnapshot(
        Segment segment,
        ChurnAssessment churn,
        double satisfaction,
        LifecycleStage stage,
        ValueTier tier,
        /* key accounts only, else null */
        KeyAccountSize keyAccountSize,
        String recommendedAction) {

    public double churnProbability() {
        return churn.probability();
    }
}
