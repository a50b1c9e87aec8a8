package io.pulse.scoring.logic;

import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Reason;
import io.pulse.schema.Segment;
import io.pulse.schema.ValueTier;

import java.util.List;

/** Every score of a subscriber at one moment: what score updates and alerts carry. */
public record ScoreSnapshot(
        Segment segment,
        double churnProbability,
        List<Reason> churnReasons,
        double satisfaction,
        LifecycleStage stage,
        ValueTier tier,
        String recommendedAction) {}
