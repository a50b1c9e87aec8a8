package io.pulse.local.replay;

import io.pulse.model.report.ScoredSet;
import io.pulse.simulator.SubscriberTruth;

import org.apache.flink.api.java.tuple.Tuple4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The churn probability each subscriber had at weekly cut-offs, from the scores the job published:
 * at a cut-off, the latest score published at or before it. Judged, as the model is trained, by
 * whether the subscriber left within the horizon after the cut-off; cut-offs after a subscriber
 * left, and those whose horizon reaches past the end of the history, are left out.
 */
final class ScoreCutoffs implements Consumer<Tuple4<String, Long, Double, String>> {
    private static final long DAY = 86_400_000L;

    private record Latest(long time, double probability) {}

    private record Cut(String subscriberId, long cutoff, double probability) {}

    private final long first;
    private final long every;
    private final long end;
    private final Map<String, Latest> latest = new HashMap<>();
    private final List<Cut> cuts = new ArrayList<>();

    ScoreCutoffs(long first, int everyDays, long end) {
        this.first = first;
        this.every = everyDays * DAY;
        this.end = end;
    }

    @Override
    public void accept(Tuple4<String, Long, Double, String> score) {
        Latest before = latest.get(score.f0);
        if (before != null) {
            cutsBetween(score.f0, before, score.f1);
        }
        if (before == null || score.f1 >= before.time()) {
            latest.put(score.f0, new Latest(score.f1, score.f2));
        }
    }

    /**
     * Each judged cut-off as one row: the probability then, and whether the subscriber left within
     * the horizon.
     */
    ScoredSet scoredSet(String name, Map<String, SubscriberTruth> truth, int horizonDays) {
        latest.forEach((id, last) -> cutsBetween(id, last, end + 1));
        latest.clear();
        long horizon = horizonDays * DAY;
        ScoredSet.Builder set = ScoredSet.builder(name);
        for (Cut cut : cuts) {
            SubscriberTruth s = truth.get(cut.subscriberId());
            if (cut.cutoff() + horizon > end
                    || (s != null && s.leaves() && s.churn().until() <= cut.cutoff())) {
                continue;
            }
            boolean leaves = s != null && s.leaves() && s.churn().until() <= cut.cutoff() + horizon;
            set.add(
                    cut.subscriberId()
                            + "@"
                            + Instant.ofEpochMilli(cut.cutoff()).toString().substring(0, 10),
                    cut.probability(),
                    leaves);
        }
        return set.build();
    }

    /**
     * The cut-offs in [from.time, until) get the probability the subscriber had since from.time.
     */
    private void cutsBetween(String id, Latest from, long until) {
        long k = from.time() <= first ? 0 : (from.time() - first + every - 1) / every;
        for (long cutoff = first + k * every; cutoff < until && cutoff <= end; cutoff += every) {
            cuts.add(new Cut(id, cutoff, from.probability()));
        }
    }
}
