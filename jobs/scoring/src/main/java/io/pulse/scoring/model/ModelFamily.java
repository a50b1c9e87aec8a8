package io.pulse.scoring.model;

/** The kinds of trained churn model the job can serve. */
public enum ModelFamily {
    /** Decision trees (one CART or an ensemble); explained by the decision path of each tree. */
    TREES,
    /** Logistic regression on standardised features; explained by weight times standardised value. */
    LOGISTIC
}
