package io.pulse.simulator;

/**
 * What the simulated world is like beyond its size and seed: how many leave, how often the network
 * fails, how many lines belong to key accounts and how often such an account moves part of its
 * lines away. Start from {@link #DEFAULT} and change what you need with the {@code with...}
 * methods.
 *
 * @param monthlyChurn the share of subscribers who leave in a month, in [0, 0.5] (default {@value
 *     ChurnPlanner#DEFAULT_MONTHLY_CHURN})
 * @param outagesPerMonth regional network outages a month over all regions, in [0, {@value
 *     NetworkOutages#MAX_PER_MONTH}] (default 0: none)
 * @param keyAccountShare the share of lines that belong to key accounts, in [0, {@value
 *     #MAX_KEY_ACCOUNT_SHARE}] (default {@value #DEFAULT_KEY_ACCOUNT_SHARE}); they are grouped into
 *     accounts of {@value KeyAccounts#MIN_LINES} to {@value KeyAccounts#MAX_LINES} lines
 * @param accountMovesPerMonth the share of key accounts that begin moving part of their lines to a
 *     competitor in a month, in [0, {@value #MAX_ACCOUNT_MOVES_PER_MONTH}] (default {@value
 *     #DEFAULT_ACCOUNT_MOVES_PER_MONTH})
 */
public record World(
        double monthlyChurn,
        double outagesPerMonth,
        double keyAccountShare,
        double accountMovesPerMonth) {

    public static final double DEFAULT_KEY_ACCOUNT_SHARE = 0.03;
    public static final double MAX_KEY_ACCOUNT_SHARE = 0.5;
    public static final double DEFAULT_ACCOUNT_MOVES_PER_MONTH = 0;
    public static final double MAX_ACCOUNT_MOVES_PER_MONTH = 0.5;

    public static final World DEFAULT =
            new World(
                    ChurnPlanner.DEFAULT_MONTHLY_CHURN,
                    0,
                    DEFAULT_KEY_ACCOUNT_SHARE,
                    DEFAULT_ACCOUNT_MOVES_PER_MONTH);

    public World {
        requireBetween("monthlyChurn", monthlyChurn, 0.5);
        requireBetween("outagesPerMonth", outagesPerMonth, NetworkOutages.MAX_PER_MONTH);
        requireBetween("keyAccountShare", keyAccountShare, MAX_KEY_ACCOUNT_SHARE);
        requireBetween("accountMovesPerMonth", accountMovesPerMonth, MAX_ACCOUNT_MOVES_PER_MONTH);
    }

    public World withMonthlyChurn(double value) {
        return new World(value, outagesPerMonth, keyAccountShare, accountMovesPerMonth);
    }

    public World withOutagesPerMonth(double value) {
        return new World(monthlyChurn, value, keyAccountShare, accountMovesPerMonth);
    }

    public World withKeyAccountShare(double value) {
        return new World(monthlyChurn, outagesPerMonth, value, accountMovesPerMonth);
    }

    public World withAccountMovesPerMonth(double value) {
        return new World(monthlyChurn, outagesPerMonth, keyAccountShare, value);
    }

    private static void requireBetween(String name, double value, double max) {
        if (!(value >= 0 && value <= max)) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + max + ", got " + value);
        }
    }
}
