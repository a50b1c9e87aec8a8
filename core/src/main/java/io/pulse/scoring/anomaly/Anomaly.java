package io.pulse.scoring.anomaly;

import java.util.List;

/**
 * How unusual a subscriber's day is against its own baselines: the score (the root of the summed
 * squared deviations, in spreads: about 1 for an ordinary day) and the measures that drive it,
 * largest share first. The direction is that of the largest share.
 */
public record Anomaly(double score, List<Attribution> attributions) {
    public static final Anomaly NONE = new Anomaly(0, List.of());

    public Direction direction() {
        return attributions.isEmpty() ? Direction.UP : attributions.get(0).direction();
    }
}
