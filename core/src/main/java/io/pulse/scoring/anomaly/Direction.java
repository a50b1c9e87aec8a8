package io.pulse.scoring.anomaly;

/** Whether a measure, or an anomaly as a whole, is above or below its baseline. */
public enum Direction {
    UP,
    DOWN
}
