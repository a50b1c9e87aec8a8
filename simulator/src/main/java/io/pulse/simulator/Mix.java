package io.pulse.simulator;

/**
 * Seeds for independent random streams derived from a seed and numbers (subscriber, hour, week).
 */
final class Mix {
    private Mix() {}

    /** The SplitMix64 finaliser: spreads nearby inputs over the whole range of seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
