package io.pulse.simulator;

import io.pulse.schema.ChurnCause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * The key accounts of the world: customers (a company, a city's administration, a school board)
 * with many lines each, one account manager and one class. The key-account lines are grouped into
 * accounts of {@value #MIN_LINES} to {@value #MAX_LINES} lines, most small, a few large (the number
 * of lines is Pareto-distributed: half have fewer than ten, one in ten has fifty or more); fewer
 * than {@value #MIN_LINES} lines left over join the last account.
 *
 * <p>Now and then an account moves part of its lines to a competitor ({@link
 * World#accountMovesPerMonth()} of the accounts a month, at most once in the simulation): a fifth
 * to three fifths of its lines, drawn at random, port out one by one over two to six weeks, each
 * the way a line lured away leaves ({@link ChurnPlanner#leaving} of a {@link ChurnCause#COMPETITIVE
 * competitive} cause: its own signs, or none, in the weeks before), unless it was to leave earlier
 * anyway. The other lines stay. Each moving line's way out is in the truth as an {@link
 * Condition#ACCOUNT_MOVE} window with its account and the move's id.
 *
 * <p>Drawn from a stream of its own derived from the seed, so that grouping and moves shift no
 * other draw of the simulation.
 */
final class KeyAccounts {
    static final int MIN_LINES = 5;
    static final int MAX_LINES = 500;

    /** The Pareto exponent of the number of lines: 1 gives a median of twice the minimum. */
    private static final double SIZE_EXPONENT = 1.0;

    private static final int ACCOUNTS_PER_MANAGER = 3;
    private static final double MIN_MOVING_SHARE = 0.2;
    private static final double MAX_MOVING_SHARE = 0.6;
    private static final int MIN_MOVE_DAYS = 14;
    private static final int MAX_MOVE_DAYS = 42;
    private static final double MONTH_MILLIS = 30 * DAY_MILLIS;

    /** Moves later than this after the start are not planned. */
    private static final long PLANNING_HORIZON = 3650 * DAY_MILLIS;

    private static final long STREAM = 0x6b65796163636f75L;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** An account: its id, its manager and its lines, by subscriber index, ascending. */
    record Account(String id, String managerId, List<Integer> lines) {}

    /** When a line leaves with its account's move, and the move. */
    private record Leaving(long at, String moveId) {}

    /** A line's way out with its account's move, and the truth of it. */
    record MovingLine(ChurnPlan plan, ConditionWindow truth) {}

    private final List<Account> accounts;
    private final Map<Integer, Account> byLine = new HashMap<>();
    private final Map<Integer, Leaving> leaving = new HashMap<>();
    private final SplittableRandom random;

    private KeyAccounts(List<Account> accounts, SplittableRandom random) {
        this.accounts = accounts;
        this.random = random;
        for (Account account : accounts) {
            account.lines().forEach(line -> byLine.put(line, account));
        }
    }

    /**
     * Groups {@code lines} (the key-account subscribers' indices, ascending) into accounts and
     * draws which accounts move lines away when.
     */
    static KeyAccounts draw(long seed, long start, double movesPerMonth, List<Integer> lines) {
        SplittableRandom random = new SplittableRandom((seed ^ STREAM) * GOLDEN_GAMMA);
        Integer[] shuffled = lines.toArray(new Integer[0]);
        Population.shuffle(shuffled, random);
        List<List<Integer>> groups = new ArrayList<>();
        int next = 0;
        while (next < shuffled.length) {
            int left = shuffled.length - next;
            int size = Math.min(size(random), left);
            if (left - size < MIN_LINES && left <= MAX_LINES) {
                size = left;
            }
            groups.add(new ArrayList<>(Arrays.asList(shuffled).subList(next, next + size)));
            next += size;
        }
        int managers =
                Math.max(1, (groups.size() + ACCOUNTS_PER_MANAGER - 1) / ACCOUNTS_PER_MANAGER);
        List<Account> accounts = new ArrayList<>(groups.size());
        for (int i = 0; i < groups.size(); i++) {
            List<Integer> group = groups.get(i);
            Collections.sort(group);
            accounts.add(
                    new Account(
                            String.format("acct-%04d", i + 1),
                            String.format("am-%03d", i % managers + 1),
                            List.copyOf(group)));
        }
        KeyAccounts keyAccounts = new KeyAccounts(List.copyOf(accounts), random);
        keyAccounts.drawMoves(start, movesPerMonth);
        return keyAccounts;
    }

    /**
     * A Pareto draw of the number of lines, truncated to [{@value #MIN_LINES}, {@value
     * #MAX_LINES}].
     */
    private static int size(SplittableRandom random) {
        double tail = Math.pow((double) MIN_LINES / MAX_LINES, SIZE_EXPONENT);
        double u = random.nextDouble() * (1 - tail);
        return (int)
                Math.min(MAX_LINES, Math.floor(MIN_LINES / Math.pow(1 - u, 1 / SIZE_EXPONENT)));
    }

    private void drawMoves(long start, double movesPerMonth) {
        if (!(movesPerMonth > 0)) {
            return;
        }
        double rate = -Math.log(1 - movesPerMonth) / MONTH_MILLIS;
        for (Account account : accounts) {
            double wait = -Math.log(1 - random.nextDouble()) / rate;
            if (wait >= PLANNING_HORIZON) {
                continue;
            }
            long moveStart = start + (long) wait;
            double share =
                    MIN_MOVING_SHARE + random.nextDouble() * (MAX_MOVING_SHARE - MIN_MOVING_SHARE);
            int moving = Math.max(1, (int) Math.round(share * account.lines().size()));
            long spread = Draw.between(random, MIN_MOVE_DAYS, MAX_MOVE_DAYS + 1) * DAY_MILLIS;
            Integer[] lines = account.lines().toArray(new Integer[0]);
            Population.shuffle(lines, random);
            String moveId = "move-" + account.id();
            for (int line : Arrays.copyOf(lines, moving)) {
                leaving.put(
                        line,
                        new Leaving(moveStart + (long) (random.nextDouble() * spread), moveId));
            }
        }
    }

    /** The account of the subscriber at {@code index}, or null if it is not a key-account line. */
    Account accountOf(int index) {
        return byLine.get(index);
    }

    /**
     * The way out of the line at {@code index} with its account's move, if the move takes it before
     * {@code ownLeave} (when it would leave anyway; {@link Long#MAX_VALUE}: never); null if the
     * move does not take it.
     */
    MovingLine moving(int index, String subscriberId, long ownLeave, int billDay) {
        Leaving move = leaving.get(index);
        if (move == null || move.at() >= ownLeave) {
            return null;
        }
        SplittableRandom own = random.split();
        ChurnPlan plan = ChurnPlanner.leaving(ChurnCause.COMPETITIVE, move.at(), billDay, own);
        return new MovingLine(
                plan,
                new ConditionWindow(
                        subscriberId,
                        Condition.ACCOUNT_MOVE,
                        plan.from(),
                        plan.until(),
                        byLine.get(index).id(),
                        move.moveId()));
    }
}
