package io.pulse.scoring.scores;

import io.pulse.schema.KeyAccountSize;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.state.SubscriberState;

import java.util.Map;

/**
 * Value tier, and a key account's size, from monthly spend: what was billed over the last 30 days,
 * else the plan fee.
 */
public final class ValueTiers {
    private final Map<ValueTier, Long> tierFloorsYuan;
    private final Map<KeyAccountSize, Long> sizeFloorsYuan;

    public ValueTiers(
            Map<ValueTier, Long> tierFloorsYuan, Map<KeyAccountSize, Long> sizeFloorsYuan) {
        this.tierFloorsYuan = tierFloorsYuan;
        this.sizeFloorsYuan = sizeFloorsYuan;
    }

    public ValueTier tier(SubscriberProfile profile, SubscriberState state) {
        return classOf(
                ValueTier.values(), tierFloorsYuan, monthlySpendMinor(profile, state) / 100.0);
    }

    /** The size of a key account; null for every other segment. */
    public KeyAccountSize keyAccountSize(
            Segment segment, SubscriberProfile profile, SubscriberState state) {
        if (segment != Segment.KEY_ACCOUNT) {
            return null;
        }
        return classOf(
                KeyAccountSize.values(), sizeFloorsYuan, monthlySpendMinor(profile, state) / 100.0);
    }

    static long monthlySpendMinor(SubscriberProfile profile, SubscriberState state) {
        long billed = state.getMonth1().getBilledMinor() + state.getToday().getBilledMinor();
        if (billed > 0 || profile == null) {
            return billed;
        }
        return profile.getPlanMonthlyFeeMinor();
    }

    /** The highest class whose floor the spend reaches; floors rise with the classes' order. */
    private static <E extends Enum<E>> E classOf(
            E[] classes, Map<E, Long> floorsYuan, double monthlySpendYuan) {
        E result = classes[0];
        for (E c : classes) {
            if (monthlySpendYuan >= floorsYuan.get(c)) {
                result = c;
            }
        }
        return result;
    }
}
