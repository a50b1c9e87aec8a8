package io.pulse.simulator;

import java.util.EnumMap;
import java.util.Map;

/** The shares of planted behaviours within a group of subscribers; the rest are steady. */
final class BehaviourMix {

    static final BehaviourMix MASS_AND_BUSINESS =
            new BehaviourMix(
                    Map.of(
                            Behaviour.DECLINER, 0.05,
                            Behaviour.SILENT, 0.02,
                            Behaviour.COMPLAINER, 0.04,
                            Behaviour.DORMANT, 0.02,
                            Behaviour.NON_PAYER, 0.02,
                            Behaviour.BILL_SHOCKED, 0.02,
                            Behaviour.SPIKER, 0.01,
                            Behaviour.FAULTY, 0.02));

    /**
     * Only key accounts are courted by competitors' account teams or cut their spend by moving
     * lines.
     */
    static final BehaviourMix KEY_ACCOUNTS =
            new BehaviourMix(
                    Map.of(
                            Behaviour.DECLINER, 0.05,
                            Behaviour.SILENT, 0.05,
                            Behaviour.COMPLAINER, 0.05,
                            Behaviour.COURTED, 0.10,
                            Behaviour.SPEND_DECLINER, 0.10));

    private final Map<Behaviour, Double> planted;

    private BehaviourMix(Map<Behaviour, Double> planted) {
        this.planted = new EnumMap<>(planted);
    }

    double shareOf(Behaviour behaviour) {
        if (behaviour == Behaviour.STEADY) {
            double rest = 1.0;
            for (double share : planted.values()) {
                rest -= share;
            }
            return rest;
        }
        return planted.getOrDefault(behaviour, 0.0);
    }

    /** How many of {@code size} subscribers get each behaviour, indexed by ordinal. */
    int[] counts(int size) {
        Behaviour[] behaviours = Behaviour.values();
        double[] shares = new double[behaviours.length];
        for (Behaviour behaviour : behaviours) {
            shares[behaviour.ordinal()] = shareOf(behaviour);
        }
        return Apportionment.apportion(size, shares);
    }
}
