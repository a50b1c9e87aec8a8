package io.pulse.scoring.model;

import java.io.Serializable;

/**
 * What flagging from a probability threshold did on the latest part of a model's training history
 * (its evaluation cut-offs, after calibration): the share of subscribers flagged in a month, and
 * the precision and recall against those who left within the model's horizon. The job reads a
 * contact budget or a target precision off these ({@code churn.band}).
 */
public record OperatingPoint(
        double threshold, double monthlyFlagged, double precision, double recall)
        implements Serializable {}
