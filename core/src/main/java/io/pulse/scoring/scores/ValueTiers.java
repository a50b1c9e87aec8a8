package io.pulse.scoring.scores;

import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.state.SubscriberState;

import java.util.Map;

/** Value tier from monthly spend: what was billed over the last 30 days, else the plan fee. */
public final class ValueTiers {
    private final Map<ValueTier, Long> floorsYuan;

    public ValueTiers(Map<ValueTier, Long> floorsYuan) {
        this.floorsYuan = floorsYuan;
    }

    public ValueTier tier(SubscriberProfile profile, SubscriberState state) {
        return tierOf(monthlySpendMinor(profile, state) / 100.0);
    }

    static long monthlySpendMinor(SubscriberProfile profile, SubscriberState state) {
        long billed = state.getMonth1().getBilledMinor() + state.getToday().getBilledMinor();
        if (billed > 0 || profile == null) {
            return billed;
        }
        return profile.getPlanMonthlyFeeMinor();
    }

    ValueTier tierOf(double monthlySpendYuan) {
        ValueTier result = ValueTier.CRYSTAL;
        for (ValueTier tier : ValueTier.values()) {
            if (monthlySpendYuan >= floorsYuan.get(tier)) {
                result = tier;
            }
        }
        return result;
    }
}
