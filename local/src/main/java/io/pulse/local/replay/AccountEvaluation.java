package io.pulse.local.replay;

import io.pulse.model.report.ReportTable;
import io.pulse.schema.AccountAlert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.scoring.accounts.AccountWatch;
import io.pulse.simulator.AccountMove;
import io.pulse.simulator.Condition;
import io.pulse.simulator.ConditionWindow;
import io.pulse.simulator.SubscriberTruth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The accounts' watch against the world's key accounts. A move (part of an account's lines ported
 * out to a competitor over weeks, {@link AccountMove}) is found when its account's manager hears of
 * it: an account case record (opened or updated) between the move's first possible sign and a week
 * after its last line left. A case opened is explained when the truth has a cause for it in its
 * account: a move under way (until the watch forgets its lost lines), a line that left (as long as
 * the watch remembers it), a line approached by a competitor (for COMPETITOR_CONTACT) or a line
 * whose spend or use fell (for SPEND_DROP); a case with none of these is a false case, the noise of
 * accounts that stay. Moves are judged when their first line leaves in the evaluated time, cases
 * when they open in it.
 */
final class AccountEvaluation {
    static final String NO_CAUSE = "no cause";

    private static final long DAY = 86_400_000L;
    private static final long FOUND_AFTER = 7 * DAY;

    /**
     * One move judged: its account's size, when its first line left and when the account's manager
     * first heard of it (null: not at all).
     */
    record JudgedMove(AccountMove move, int accountLines, long firstLeave, Long firstCase) {
        boolean found() {
            return firstCase != null;
        }
    }

    /**
     * What the evaluation found; {@code casesByCause} counts the cases opened by type and cause
     * ({@code "SPEND_DROP: a move"}).
     */
    record Result(
            int accounts,
            int lines,
            List<JudgedMove> moves,
            int casesOpened,
            Map<String, Long> casesByCause) {

        long found() {
            return moves.stream().filter(JudgedMove::found).count();
        }

        double recall() {
            return moves.isEmpty() ? Double.NaN : (double) found() / moves.size();
        }

        long explained() {
            return casesOpened
                    - casesByCause.entrySet().stream()
                            .filter(e -> e.getKey().endsWith(NO_CAUSE))
                            .mapToLong(Map.Entry::getValue)
                            .sum();
        }

        double precision() {
            return casesOpened == 0 ? Double.NaN : (double) explained() / casesOpened;
        }

        /** Median days from the first case to the first line's leaving; NaN with none found. */
        double medianLeadDays() {
            List<Double> leads =
                    moves.stream()
                            .filter(JudgedMove::found)
                            .map(m -> (m.firstLeave() - m.firstCase()) / (double) DAY)
                            .sorted()
                            .toList();
            return AlertEvaluation.median(leads);
        }

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "key accounts: %d accounts of %d lines; %d moves judged, %d found (recall %.2f),"
                            + " the manager told a median %.1f days before the first line left;"
                            + " %d account cases opened, %d with a cause in the truth (precision"
                            + " %.2f): %s",
                    accounts,
                    lines,
                    moves.size(),
                    found(),
                    recall(),
                    medianLeadDays(),
                    casesOpened,
                    explained(),
                    precision(),
                    casesByCause);
        }

        ReportTable table(String run) {
            ReportTable.Builder table =
                    ReportTable.builder(
                                    "Key accounts against the truth, " + run,
                                    "move",
                                    "lines moved of the account's",
                                    "first line left",
                                    "manager told")
                            .note(
                                    String.format(
                                            Locale.ROOT,
                                            "%d accounts of %d lines; %d of %d moves found; %d"
                                                    + " account cases opened, %d with a cause in"
                                                    + " the truth: %s.",
                                            accounts,
                                            lines,
                                            found(),
                                            moves.size(),
                                            casesOpened,
                                            explained(),
                                            casesByCause));
            for (JudgedMove m : moves) {
                table.row(
                        m.move().id(),
                        m.move().subscriberIds().size() + " of " + m.accountLines(),
                        day(m.firstLeave()),
                        m.found()
                                ? String.format(
                                        Locale.ROOT,
                                        "%s (%.1f days before)",
                                        day(m.firstCase()),
                                        (m.firstLeave() - m.firstCase()) / (double) DAY)
                                : "not told");
            }
            return table.build();
        }

        private static String day(long millis) {
            return Instant.ofEpochMilli(millis).toString().substring(0, 10);
        }
    }

    private AccountEvaluation() {}

    /**
     * @param accountOf each key-account line's account
     * @param from the start of the evaluated time (after the warm-up)
     * @param end the end of the history
     */
    static Result evaluate(
            List<AccountAlert> alerts,
            Map<String, String> accountOf,
            List<AccountMove> moves,
            List<ConditionWindow> conditions,
            List<SubscriberTruth> subscribers,
            long from,
            long end) {
        Map<String, Long> leaveOf =
                subscribers.stream()
                        .filter(SubscriberTruth::leaves)
                        .collect(
                                Collectors.toMap(
                                        SubscriberTruth::subscriberId, t -> t.churn().until()));
        Map<String, List<Long>> leftByAccount =
                leaveOf.entrySet().stream()
                        .filter(e -> accountOf.containsKey(e.getKey()))
                        .collect(
                                Collectors.groupingBy(
                                        e -> accountOf.get(e.getKey()),
                                        Collectors.mapping(
                                                Map.Entry::getValue, Collectors.toList())));
        Map<String, List<ConditionWindow>> conditionsByAccount =
                conditions.stream()
                        .filter(c -> accountOf.containsKey(c.subscriberId()))
                        .collect(Collectors.groupingBy(c -> accountOf.get(c.subscriberId())));
        Map<String, Long> linesOf =
                accountOf.values().stream()
                        .collect(Collectors.groupingBy(a -> a, Collectors.counting()));

        List<JudgedMove> judged = new ArrayList<>();
        for (AccountMove move : moves) {
            long firstLeave =
                    move.subscriberIds().stream().mapToLong(leaveOf::get).min().orElseThrow();
            if (firstLeave < from || firstLeave >= end) {
                continue;
            }
            Set<String> moving = Set.copyOf(move.subscriberIds());
            OptionalLong firstCase =
                    alerts.stream()
                            .filter(a -> a.getAccountId().equals(move.accountId()))
                            .filter(a -> a.getStatus() != AlertStatus.RESOLVED)
                            .filter(a -> a.getLineIds().stream().anyMatch(moving::contains))
                            .mapToLong(AccountAlert::getEventTime)
                            .filter(t -> t >= Math.max(move.from(), from))
                            .filter(t -> t < move.until() + FOUND_AFTER)
                            .min();
            judged.add(
                    new JudgedMove(
                            move,
                            linesOf.get(move.accountId()).intValue(),
                            firstLeave,
                            firstCase.isPresent() ? firstCase.getAsLong() : null));
        }
        List<AccountAlert> opened =
                alerts.stream()
                        .filter(a -> a.getStatus() == AlertStatus.OPEN)
                        .filter(a -> a.getEventTime() >= from)
                        .toList();
        Map<String, Long> byCause =
                opened.stream()
                        .collect(
                                Collectors.groupingBy(
                                        a ->
                                                a.getType()
                                                        + ": "
                                                        + cause(
                                                                a,
                                                                moves,
                                                                conditionsByAccount,
                                                                leftByAccount),
                                        TreeMap::new,
                                        Collectors.counting()));
        return new Result(
                linesOf.size(), accountOf.size(), List.copyOf(judged), opened.size(), byCause);
    }

    /** What in the truth explains an account case, or {@link #NO_CAUSE}. */
    private static String cause(
            AccountAlert alert,
            List<AccountMove> moves,
            Map<String, List<ConditionWindow>> conditions,
            Map<String, List<Long>> leftByAccount) {
        long t = alert.getEventTime();
        String account = alert.getAccountId();
        long remembered = AccountWatch.FORGET_AFTER_MILLIS;
        if (moves.stream()
                .anyMatch(
                        m ->
                                m.accountId().equals(account)
                                        && t >= m.from()
                                        && t < m.until() + remembered)) {
            return "a move";
        }
        if (leftByAccount.getOrDefault(account, List.of()).stream()
                .anyMatch(left -> t >= left - DAY && t < left + remembered)) {
            return "a line left";
        }
        boolean approach = alert.getType() == AlertType.COMPETITOR_CONTACT;
        Set<Condition> causes =
                approach
                        ? Set.of(Condition.COMPETITOR_APPROACH)
                        : Set.of(
                                Condition.SPEND_DECLINE,
                                Condition.USAGE_DECLINE,
                                Condition.SPEND_COLLAPSE);
        if (conditions.getOrDefault(account, List.of()).stream()
                .anyMatch(
                        c ->
                                causes.contains(c.condition())
                                        && t >= c.from() - DAY
                                        && t < c.until() + remembered)) {
            return approach ? "a line approached" : "a line's spend fell";
        }
        return NO_CAUSE;
    }
}
