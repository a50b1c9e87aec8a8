package io.pulse.scoring.churn;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.ModelScore;
import io.pulse.schema.Reason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The churn verdict of one moment: the combined probability, whether it flags the subscriber, every
 * model's own probability, and the deciding model's reasons. Reasons are worded only when asked
 * for, that is when a score or an alert is published, not on every event.
 */
public final class ChurnAssessment {
    private final double probability;
    private final boolean flagged;
    private final String[] models;
    private final double[] probabilities;
    private final int[] members;
    private final Supplier<List<Reason>> explain;
    private List<Reason> reasons;

    ChurnAssessment(
            double probability,
            boolean flagged,
            String[] models,
            double[] probabilities,
            int[] members,
            Supplier<List<Reason>> explain) {
        this.probability = probability;
        this.flagged = flagged;
        this.models = models;
        this.probabilities = probabilities;
        this.members = members;
        this.explain = explain;
    }

    public double probability() {
        return probability;
    }

    public boolean flagged() {
        return flagged;
    }

    /** The probability of the named model, or NaN if there is none of that name. */
    public double probabilityOf(String model) {
        for (int i = 0; i < models.length; i++) {
            if (models[i].equals(model)) {
                return probabilities[i];
            }
        }
        return Double.NaN;
    }

    public List<ModelScore> modelScores() {
        List<ModelScore> scores = new ArrayList<>(models.length);
        for (int i = 0; i < models.length; i++) {
            scores.add(new ModelScore(models[i], probabilities[i], isMember(i)));
        }
        return scores;
    }

    /** The deciding model's top reasons, strongest first. */
    public List<Reason> reasons() {
        if (reasons == null) {
            reasons = explain.get();
        }
        return reasons;
    }

    /** The cause the reasons point to most strongly, summed over reasons; null without reasons. */
    public ChurnCause cause() {
        Map<ChurnCause, Double> weight = new EnumMap<>(ChurnCause.class);
        ChurnCause strongest = null;
        for (Reason reason : reasons()) {
            if (reason.getCause() == null || reason.getContribution() == null) {
                continue;
            }
            double w = weight.merge(reason.getCause(), reason.getContribution(), Double::sum);
            if (strongest == null || w > weight.get(strongest)) {
                strongest = reason.getCause();
            }
        }
        return strongest;
    }

    private boolean isMember(int model) {
        for (int m : members) {
            if (m == model) {
                return true;
            }
        }
        return false;
    }
}
