package io.pulse.model.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One named set of churn scores against known outcomes, the unit a report compares ("current"
 * against "challenger", or one model against another): per subscriber an id, a churn probability in
 * 0..1 and whether the subscriber churned; optionally the lead times of the churners that were
 * caught (days from the first alert to the churn date, one per caught churner), which only a replay
 * of an event history can measure.
 *
 * <p>Checked when built, so that every figure of the report is defined: scores are finite and in
 * 0..1, labels 0 or 1, ids unique, lead times finite, not negative and no more than there are
 * churners. Immutable; the accessors return copies.
 */
public final class ScoredSet {
    private final String name;
    private final List<String> ids;
    private final double[] scores;
    private final int[] labels;
    private final double[] leadTimesDays;

    private ScoredSet(
            String name, List<String> ids, double[] scores, int[] labels, double[] leadTimesDays) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scored set needs a name");
        }
        if (ids.size() != scores.length || scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scored set '"
                            + name
                            + "': "
                            + ids.size()
                            + " ids, "
                            + scores.length
                            + " scores and "
                            + labels.length
                            + " labels");
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("scored set '" + name + "' has no subscribers");
        }
        Set<String> seen = new HashSet<>();
        int churners = 0;
        for (int i = 0; i < scores.length; i++) {
            String id = ids.get(i);
            if (id == null || !seen.add(id)) {
                throw new IllegalArgumentException(
                        "scored set '"
                                + name
                                + "': subscriber id "
                                + id
                                + (id == null ? "" : " appears twice"));
            }
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException(
                        "scored set '"
                                + name
                                + "': score of "
                                + id
                                + " is "
                                + scores[i]
                                + ", not a probability in 0..1");
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException(
                        "scored set '"
                                + name
                                + "': label of "
                                + id
                                + " is "
                                + labels[i]
                                + ", not 0 or 1");
            }
            churners += labels[i];
        }
        for (double days : leadTimesDays) {
            if (!(days >= 0) || Double.isInfinite(days)) {
                throw new IllegalArgumentException(
                        "scored set '"
                                + name
                                + "': lead time "
                                + days
                                + " days; a caught churner was alerted a finite, non-negative number of days before churning");
            }
        }
        if (leadTimesDays.length > churners) {
            throw new IllegalArgumentException(
                    "scored set '"
                            + name
                            + "': "
                            + leadTimesDays.length
                            + " lead times but only "
                            + churners
                            + " churners (one lead time per caught churner)");
        }
        this.name = name;
        this.ids = List.copyOf(ids);
        this.scores = scores.clone();
        this.labels = labels.clone();
        this.leadTimesDays = leadTimesDays.clone();
    }

    /**
     * A set without lead times (a snapshot of labelled subscribers, as {@code evaluate} scores).
     */
    public static ScoredSet of(String name, List<String> ids, double[] scores, int[] labels) {
        return new ScoredSet(name, ids, scores, labels, new double[0]);
    }

    /**
     * A set with the lead times, in days, of its caught churners (one number per caught churner).
     */
    public static ScoredSet of(
            String name, List<String> ids, double[] scores, int[] labels, double[] leadTimesDays) {
        return new ScoredSet(name, ids, scores, labels, leadTimesDays);
    }

    /** Collects a set one subscriber at a time, for example while replaying an event history. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int size() {
        return scores.length;
    }

    public List<String> ids() {
        return ids;
    }

    public double[] scores() {
        return scores.clone();
    }

    public int[] labels() {
        return labels.clone();
    }

    public int churners() {
        int n = 0;
        for (int label : labels) {
            n += label;
        }
        return n;
    }

    public double[] leadTimesDays() {
        return leadTimesDays.clone();
    }

    public boolean hasLeadTimes() {
        return leadTimesDays.length > 0;
    }

    @Override
    public String toString() {
        return "ScoredSet["
                + name
                + ": "
                + size()
                + " subscribers, "
                + churners()
                + " churners, "
                + leadTimesDays.length
                + " lead times]";
    }

    /** Adds subscribers and lead times in any order; {@link #build()} checks them. */
    public static final class Builder {
        private final String name;
        private final List<String> ids = new ArrayList<>();
        private final List<Double> scores = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();
        private final List<Double> leadTimes = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** One subscriber: its id, churn probability and whether it churned. */
        public Builder add(String id, double score, boolean churned) {
            ids.add(id);
            scores.add(score);
            labels.add(churned ? 1 : 0);
            return this;
        }

        /** The lead time of one caught churner: days from its first alert to its churn date. */
        public Builder leadTime(double days) {
            leadTimes.add(days);
            return this;
        }

        public ScoredSet build() {
            return new ScoredSet(
                    name,
                    ids,
                    scores.stream().mapToDouble(Double::doubleValue).toArray(),
                    labels.stream().mapToInt(Integer::intValue).toArray(),
                    leadTimes.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }
}
