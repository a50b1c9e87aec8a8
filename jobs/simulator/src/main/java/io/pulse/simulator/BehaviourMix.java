package io.pulse.simulator;

/** The shares of planted behaviours within a group of subscribers; the rest are steady. */
record BehaviourMix(double decliner, double silent, double complainer) {

    static final BehaviourMix MASS_AND_BUSINESS = new BehaviourMix(0.08, 0.04, 0.06);
    /** Key accounts fall silent more often here, so that their 3-day alert shows up in a demo. */
    static final BehaviourMix KEY_ACCOUNTS = new BehaviourMix(0.10, 0.20, 0.10);

    double shareOf(Behaviour behaviour) {
        switch (behaviour) {
            case DECLINER:
                return decliner;
            case SILENT:
                return silent;
            case COMPLAINER:
                return complainer;
            default:
                return 1.0 - decliner - silent - complainer;
        }
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
