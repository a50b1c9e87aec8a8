package io.pulse.scoring.logic;

import io.pulse.schema.Reason;

import java.util.List;

/** A churn probability with its reasons, strongest first. */
public record ChurnScore(double probability, List<Reason> reasons) {}
