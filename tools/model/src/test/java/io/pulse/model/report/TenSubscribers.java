package io.pulse.model.report;

import java.util.List;

/**
 * Ten subscribers small enough to compute every figure of the report by hand, given in shuffled
 * order so that every computation has to sort. Best-first they are:
 *
 * <pre>
 *   id  score  churned      id  score  churned
 *   a   0.95   yes          f   0.45   no
 *   b   0.85   yes          g   0.35   yes
 *   c   0.80   no           h   0.25   no
 *   d   0.70   yes          i   0.15   no
 *   e   0.60   no           j   0.05   no
 * </pre>
 *
 * 4 churners of 10 (base rate 0.4). AUC: of the 4 x 6 churner/stayer pairs, a and b outrank all 6
 * stayers, d outranks 5 (all but c), g outranks 3 (h, i, j): 20 / 24. Brier: (0.05^2 + 0.15^2 +
 * 0.8^2 + 0.3^2 + 0.6^2 + 0.45^2 + 0.65^2 + 0.25^2 + 0.15^2 + 0.05^2) / 10 = 1.8275 / 10. At
 * threshold 0.5: a to e flagged (5), 3 of them churned: precision 0.6, recall 0.75.
 */
final class TenSubscribers {
    static final List<String> IDS = List.of("f", "a", "i", "d", "j", "c", "g", "b", "h", "e");
    static final double[] SCORES = {0.45, 0.95, 0.15, 0.70, 0.05, 0.80, 0.35, 0.85, 0.25, 0.60};
    static final int[] Y = {0, 1, 0, 1, 0, 0, 1, 1, 0, 0};

    static final double AUC = 20.0 / 24;
    static final double BRIER = 0.18275;

    private TenSubscribers() {}

    static ScoredSet set(String name) {
        return ScoredSet.of(name, IDS, SCORES, Y);
    }
}
