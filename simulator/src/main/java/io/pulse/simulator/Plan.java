package io.pulse.simulator;

import io.pulse.schema.Segment;

import java.util.List;
import java.util.SplittableRandom;

/** A tariff plan of the simulated operator, and the plans each segment chooses from. */
record Plan(String code, long monthlyFeeMinor, int popularity) {

    private static final List<Plan> MASS =
            List.of(
                    new Plan("MASS-19", 19_00, 20),
                    new Plan("MASS-39", 39_00, 30),
                    new Plan("MASS-59", 59_00, 25),
                    new Plan("MASS-99", 99_00, 15),
                    new Plan("MASS-139", 139_00, 10));
    private static final List<Plan> BUSINESS =
            List.of(
                    new Plan("BIZ-99", 99_00, 40),
                    new Plan("BIZ-199", 199_00, 40),
                    new Plan("BIZ-399", 399_00, 20));
    // Group accounts: 3-10k yuan a month is an ordinary key account, above 10k a very large one.
    private static final List<Plan> KEY_ACCOUNT =
            List.of(
                    new Plan("KA-3K", 3_000_00, 40),
                    new Plan("KA-6K", 6_000_00, 30),
                    new Plan("KA-12K", 12_000_00, 20),
                    new Plan("KA-30K", 30_000_00, 10));

    /** Prepaid-style cheap plans are kept alive with top-ups. */
    boolean toppedUp() {
        return monthlyFeeMinor <= 39_00;
    }

    static Plan choose(Segment segment, SplittableRandom random) {
        List<Plan> plans = plansOf(segment);
        int total = 0;
        for (Plan plan : plans) {
            total += plan.popularity;
        }
        int ticket = random.nextInt(total);
        for (Plan plan : plans) {
            ticket -= plan.popularity;
            if (ticket < 0) {
                return plan;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static List<Plan> plansOf(Segment segment) {
        switch (segment) {
            case KEY_ACCOUNT:
                return KEY_ACCOUNT;
            case BUSINESS:
                return BUSINESS;
            default:
                return MASS;
        }
    }
}
