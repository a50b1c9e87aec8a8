package io.pulse.scoring.accounts;

import io.pulse.scoring.config.ScoringConfig.SpendDrop;
import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.ServiceSpend.Measure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SPEC's warning lines applied to a key account as a whole, not line by line: any single service's
 * monthly spend summed over the account's lines down {@code service-drop} (20%) against the
 * reference month, or the account's total down {@code total-drop} (10%), or lines lost. A drop
 * spread thinly over many lines, none of which crosses its own line (or is large enough to be
 * judged alone), is the account's drop all the same. The evidence names the lines that lost the
 * most, with the service and the amounts.
 */
public final class AccountSpend {
    /** How many lines the evidence names, largest fall first. */
    static final int LINES_NAMED = 5;

    private final SpendDrop config;

    public AccountSpend(SpendDrop config) {
        this.config = config;
    }

    /** The account's judgement: what fell, and by how much. */
    public record Judgement(
            boolean dropped,
            boolean recovered,
            List<Fall> falls,
            int lines,
            int linesLost,
            List<String> evidence,
            List<String> namedLines) {}

    /** One measure summed over the account's lines, and the fall that raises the alert. */
    public record Fall(
            Measure measure,
            long currentMinor,
            long referenceMinor,
            double share,
            double threshold) {
        /** How far the fall is toward its threshold: 1 at the threshold. */
        public double strength() {
            return share / threshold;
        }
    }

    public Judgement judge(List<LineSpend> lines) {
        Map<Measure, long[]> sums = new EnumMap<>(Measure.class);
        int lost = 0;
        for (LineSpend line : lines) {
            if (!line.active()) {
                lost++;
            }
            for (ServiceSpend s : line.spend()) {
                long[] sum = sums.computeIfAbsent(s.measure(), m -> new long[2]);
                sum[0] += line.active() ? s.currentMinor() : 0;
                sum[1] += s.referenceMinor();
            }
        }
        List<Fall> falls = new ArrayList<>();
        boolean dropped = lost > 0;
        boolean recovered = lost == 0;
        for (Map.Entry<Measure, long[]> e : sums.entrySet()) {
            long current = e.getValue()[0];
            long reference = e.getValue()[1];
            double share =
                    reference < config.minReferenceYuan() * 100
                            ? 0
                            : 1.0 - (double) current / reference;
            double threshold =
                    e.getKey() == Measure.TOTAL ? config.totalDrop() : config.serviceDrop();
            falls.add(new Fall(e.getKey(), current, reference, share, threshold));
            dropped |= share >= threshold;
            recovered &= share < threshold * config.clearFactor();
        }
        falls.sort(Comparator.comparingDouble(Fall::strength).reversed());
        List<String> evidence = new ArrayList<>();
        List<String> named = new ArrayList<>();
        evidence(lines, falls, evidence, named);
        return new Judgement(dropped, recovered, falls, lines.size(), lost, evidence, named);
    }

    /**
     * The lines that lost the most of the measure nearest its threshold, in yuan, and their ids.
     */
    private static void evidence(
            List<LineSpend> lines, List<Fall> falls, List<String> evidence, List<String> named) {
        if (falls.isEmpty()) {
            return;
        }
        Measure worst = falls.get(0).measure();
        record LineFall(String id, boolean active, long current, long reference) {
            long lostMinor() {
                return reference - (active ? current : 0);
            }
        }
        List<LineFall> byLine = new ArrayList<>();
        for (LineSpend line : lines) {
            for (ServiceSpend s : line.spend()) {
                if (s.measure() == worst) {
                    byLine.add(
                            new LineFall(
                                    line.subscriberId(),
                                    line.active(),
                                    s.currentMinor(),
                                    s.referenceMinor()));
                }
            }
        }
        byLine.sort(Comparator.comparingLong(LineFall::lostMinor).reversed());
        for (LineFall f : byLine.subList(0, Math.min(LINES_NAMED, byLine.size()))) {
            if (f.lostMinor() <= 0) {
                break;
            }
            named.add(f.id());
            evidence.add(
                    String.format(
                            Locale.ROOT,
                            "%s: %s %.2f yuan%s, %.2f %s%s",
                            f.id(),
                            worst.label(),
                            (f.active() ? f.current() : 0) / 100.0,
                            worst.now(),
                            f.reference() / 100.0,
                            worst.reference(),
                            f.active() ? "" : " (line lost)"));
        }
    }
}
