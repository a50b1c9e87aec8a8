package io.pulse.scoring.model;

/** The kinds of trained churn model the job can serve. */
public enum ModelFamily {
    /**
     * Gradient-boosted trees (trained by XGBoost): a base margin plus the leaf values of every
     * tree, in log-odds; explained by the change of node value along each tree's decision path.
     */
    BOOSTED,
    /**
     * Logistic regression on standardised features; explained by weight times standardised value.
     */
    LOGISTIC
}
