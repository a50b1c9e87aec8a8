package io.pulse.model.history;

import io.pulse.model.train.LabelledSet;
import io.pulse.scoring.features.Feature;
import io.pulse.scoring.usage.Days;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Snapshots labelled by whether the subscriber is terminated within the horizon after the cut-off,
 * split by time, never by row: the model learns from the earliest cut-offs, is calibrated on later
 * ones and evaluated on the latest. A training cut-off's horizon ends before the first calibration
 * cut-off, so no termination labels both a training row and a later one. Cut-offs whose horizon
 * reaches past the end of the history are left out: their labels are not known yet.
 *
 * @param horizonDays a snapshot is a churner's when the subscriber is terminated within this many
 *     days
 */
public record TimeSplit(
        int horizonDays,
        List<Snapshot> train,
        List<Snapshot> calibration,
        List<Snapshot> evaluation) {

    /**
     * The split of {@code snapshots} with the latest {@code evaluationShare} and the {@code
     * calibrationShare} before it.
     */
    public static TimeSplit of(
            List<Snapshot> snapshots,
            long historyEnd,
            int horizonDays,
            double calibrationShare,
            double evaluationShare) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException(
                    "the horizon must be at least one day, got " + horizonDays);
        }
        if (!(calibrationShare > 0
                && evaluationShare > 0
                && calibrationShare + evaluationShare < 1)) {
            throw new IllegalArgumentException(
                    "the calibration and evaluation shares must be positive and leave room "
                            + "for training, got "
                            + calibrationShare
                            + " and "
                            + evaluationShare);
        }
        long horizon = Days.days(horizonDays);
        TreeSet<Long> labelled = new TreeSet<>();
        for (Snapshot s : snapshots) {
            if (s.cutoff() + horizon <= historyEnd) {
                labelled.add(s.cutoff());
            }
        }
        List<Long> cutoffs = new ArrayList<>(labelled);
        int evaluationCount = Math.max(1, (int) Math.round(cutoffs.size() * evaluationShare));
        int calibrationCount = Math.max(1, (int) Math.round(cutoffs.size() * calibrationShare));
        if (cutoffs.size() < evaluationCount + calibrationCount + 1) {
            throw new IllegalArgumentException(
                    String.format(
                            "the history has %d cut-offs whose %d-day horizon it covers: too few to train, calibrate and "
                                    + "evaluate on separate times; give a longer history or more frequent cut-offs",
                            cutoffs.size(), horizonDays));
        }
        long firstEvaluation = cutoffs.get(cutoffs.size() - evaluationCount);
        long firstCalibration = cutoffs.get(cutoffs.size() - evaluationCount - calibrationCount);
        List<Snapshot> train = new ArrayList<>();
        List<Snapshot> calibration = new ArrayList<>();
        List<Snapshot> evaluation = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (!labelled.contains(s.cutoff())) {
                continue;
            }
            if (s.cutoff() >= firstEvaluation) {
                evaluation.add(s);
            } else if (s.cutoff() >= firstCalibration) {
                calibration.add(s);
            } else if (s.cutoff() + horizon <= firstCalibration) {
                train.add(s);
            }
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException(
                    String.format(
                            "no cut-off is %d days (the horizon) before the first calibration cut-off %s: give a longer history",
                            horizonDays, Instant.ofEpochMilli(firstCalibration)));
        }
        return new TimeSplit(
                horizonDays, List.copyOf(train), List.copyOf(calibration), List.copyOf(evaluation));
    }

    public LabelledSet trainSet() {
        return labelled(train);
    }

    public LabelledSet calibrationSet() {
        return labelled(calibration);
    }

    public LabelledSet evaluationSet() {
        return labelled(evaluation);
    }

    /** The snapshots as a training set: features and 1 for those terminated within the horizon. */
    public LabelledSet labelled(List<Snapshot> snapshots) {
        double[][] x = new double[snapshots.size()][];
        int[] y = new int[snapshots.size()];
        long horizon = Days.days(horizonDays);
        for (int i = 0; i < x.length; i++) {
            x[i] = snapshots.get(i).features();
            y[i] = snapshots.get(i).leavesWithin(horizon) ? 1 : 0;
        }
        return new LabelledSet(Feature.names(), x, y);
    }

    /** E.g. "2026-02-02 .. 2026-04-13 (11 cut-offs)". */
    public static String describe(List<Snapshot> snapshots) {
        TreeSet<Long> cutoffs = new TreeSet<>();
        snapshots.forEach(s -> cutoffs.add(s.cutoff()));
        if (cutoffs.isEmpty()) {
            return "none";
        }
        return Instant.ofEpochMilli(cutoffs.first()).toString().substring(0, 10)
                + " .. "
                + Instant.ofEpochMilli(cutoffs.last()).toString().substring(0, 10)
                + " ("
                + cutoffs.size()
                + " cut-offs)";
    }
}
