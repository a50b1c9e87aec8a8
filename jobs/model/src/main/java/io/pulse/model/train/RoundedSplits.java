package io.pulse.model.train;

import java.util.Arrays;

/**
 * Translates split points Tribuo chose on rounded feature values (see
 * {@link TribuoData#roundForTrees}) into split points on raw values that divide the training rows
 * exactly as Tribuo divided their rounded values.
 *
 * <p>Tribuo's split point often equals a value no training row in that node has (halfway between
 * 3 and 5 calls is 4), and may equal a rounded value whose raw values lie on both sides of it, so
 * the raw threshold cannot simply be Tribuo's. Rounding never reorders values, so the raw rows
 * whose rounded value is at most Tribuo's split point are exactly those up to some raw value
 * {@code below}, and the others start at the next raw value {@code above}; any raw threshold in
 * {@code [below, above)} reproduces Tribuo's split on every training row. Tribuo's own split point
 * is kept when it lies there (almost always), the midpoint otherwise.
 */
final class RoundedSplits {
    /** Per column: the distinct raw training values, ascending, and each one's rounded value. */
    private final double[][] raw;
    private final double[][] rounded;

    RoundedSplits(double[][] x) {
        int columns = x.length == 0 ? 0 : x[0].length;
        raw = new double[columns][];
        rounded = new double[columns][];
        for (int j = 0; j < columns; j++) {
            int column = j;
            raw[j] = Arrays.stream(x).mapToDouble(row -> row[column]).sorted().distinct().toArray();
            rounded[j] = Arrays.stream(raw[j]).map(TribuoData::roundForTrees).toArray();
        }
    }

    /** A raw threshold splitting the column's training values as {@code split} splits their rounded values. */
    double rawThreshold(int column, double split) {
        double[] values = raw[column];
        double[] roundedValues = rounded[column];
        // first value whose rounded value goes right (rounded values ascend with the raw ones)
        int lo = 0;
        int hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (roundedValues[mid] <= split) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return Math.min(split, Math.nextDown(values[0]));
        }
        if (lo == values.length) {
            return Math.max(split, values[values.length - 1]);
        }
        double below = values[lo - 1];
        double above = values[lo];
        if (below <= split && split < above) {
            return split;
        }
        double middle = below + (above - below) / 2;
        return middle >= below && middle < above ? middle : below;
    }
}
