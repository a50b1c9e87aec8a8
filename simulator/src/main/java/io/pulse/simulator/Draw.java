package io.pulse.simulator;

import java.util.SplittableRandom;

/** Random draws the generator needs beyond what {@link SplittableRandom} offers. */
final class Draw {

    private Draw() {}

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }

    /** Uniform in [from, to). */
    static long between(SplittableRandom random, long from, long to) {
        return from + random.nextLong(to - from);
    }

    /** Knuth's method: cheap for the small means of one subscriber's hour. */
    static int poisson(SplittableRandom random, double mean) {
        double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** An index drawn with probability proportional to its weight; {@code total} is their sum. */
    static int pick(SplittableRandom random, double[] weights, double total) {
        double ticket = random.nextDouble() * total;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                ticket -= weights[i];
                last = i;
                if (ticket < 0) {
                    return i;
                }
            }
        }
        return last;
    }

    /** An element drawn with probability proportional to its weight. */
    static <T> T pick(SplittableRandom random, T[] values, int[] weights) {
        return values[index(random, weights)];
    }

    /** An index drawn with probability proportional to its weight. */
    static int index(SplittableRandom random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int ticket = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            ticket -= weights[i];
            if (ticket < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }
}
