package io.pulse.scoring.model;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Which side of each of a tree ensemble's split points a feature vector is on: two vectors on the
 * same sides of every split point take the same path through every tree, so the ensemble gives them
 * the same prediction, bit for bit. Per feature the trees split on, its position among that
 * feature's distinct thresholds, compared as the trees compare ({@link TreeSpec}: in single
 * precision, a number at or above a threshold goes right), a missing value (NaN) a position of its
 * own.
 *
 * <p>A subscriber keeps the sides of the ensemble's last evaluation with the probability it gave
 * ({@link #remember}); on its next event, {@link #recall} gives that probability back if the new
 * features are on the same sides ({@link #positions}), and the trees need not be walked. The kept
 * value starts with a 64-bit fingerprint of the ensemble (its trees and calibration), so that sides
 * kept for another model are never taken for this one's.
 */
public final class SplitSides {
    private static final int HEADER = Long.BYTES + Double.BYTES;

    private final long fingerprint;
    private final int[] features;
    private final float[][] thresholds;

    SplitSides(long fingerprint, TreeSpec[] trees) {
        TreeMap<Integer, float[]> byFeature = new TreeMap<>();
        for (TreeSpec tree : trees) {
            for (int node = 0; node < tree.size(); node++) {
                if (!tree.isLeaf(node)) {
                    float[] known = byFeature.getOrDefault(tree.feature()[node], new float[0]);
                    float[] more = Arrays.copyOf(known, known.length + 1);
                    more[known.length] = tree.threshold()[node];
                    byFeature.put(tree.feature()[node], more);
                }
            }
        }
        this.fingerprint = fingerprint;
        this.features = byFeature.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.thresholds = new float[features.length][];
        for (int i = 0; i < features.length; i++) {
            thresholds[i] = distinct(byFeature.get(features[i]));
        }
    }

    /** Sorted, each value once by numeric equality (so -0.0 and 0.0 are one threshold). */
    private static float[] distinct(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (float v : sorted) {
            if (n == 0 || v != sorted[n - 1]) {
                sorted[n++] = v;
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    /** The features the trees split on. */
    public int featureCount() {
        return features.length;
    }

    /** Room for the positions of a vector, for {@link #positions}. */
    public int[] newPositions() {
        return new int[features.length];
    }

    /** The positions of {@code x} among the split points, into {@code out}. */
    public void positions(double[] x, int[] out) {
        for (int i = 0; i < features.length; i++) {
            out[i] = position(i, x[features[i]]);
        }
    }

    /**
     * The probability kept in {@code kept} if it was kept by this ensemble at these {@code
     * positions}; NaN otherwise (nothing kept, another model's, or a side moved).
     */
    public double recall(ByteBuffer kept, int[] positions) {
        if (kept == null || kept.remaining() < HEADER + features.length) {
            return Double.NaN;
        }
        int at = kept.position();
        if (kept.getLong(at) != fingerprint) {
            return Double.NaN;
        }
        int p = at + HEADER;
        for (int position : positions) {
            int stored = 0;
            int shift = 0;
            byte b;
            do {
                if (p >= kept.limit()) {
                    return Double.NaN;
                }
                b = kept.get(p++);
                stored |= (b & 0x7f) << shift;
                shift += 7;
            } while (b < 0);
            if (stored != position) {
                return Double.NaN;
            }
        }
        return p == kept.limit() ? kept.getDouble(at + Long.BYTES) : Double.NaN;
    }

    /**
     * The {@code positions} with the {@code probability} the ensemble gave them, to keep: one
     * buffer of its exact length.
     */
    public ByteBuffer remember(int[] positions, double probability) {
        int length = HEADER;
        for (int position : positions) {
            length +=
                    position < 0x80
                            ? 1
                            : position < 0x4000
                                    ? 2
                                    : position < 0x200000 ? 3 : position < 0x10000000 ? 4 : 5;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        out.putLong(fingerprint);
        out.putDouble(probability);
        for (int position : positions) {
            while ((position & ~0x7f) != 0) {
                out.put((byte) ((position & 0x7f) | 0x80));
                position >>>= 7;
            }
            out.put((byte) position);
        }
        return out.flip();
    }

    /**
     * 0 for a missing value, else 1 + the number of the feature's thresholds at or below it: the
     * thresholds it goes right of.
     */
    private int position(int i, double value) {
        float v = (float) value;
        if (v != v) {
            return 0;
        }
        float[] t = thresholds[i];
        int low = 0;
        int high = t.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (t[mid] <= v) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return 1 + low;
    }
}
