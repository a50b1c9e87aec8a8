package io.pulse.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key account moving part of its lines to a competitor, as the ground truth has it: the account,
 * from the first possible sign of a moving line to the last one's port-out (epoch millis), and the
 * lines that moved, in id order; the account's other lines stayed. Made from the {@link
 * Condition#ACCOUNT_MOVE} windows of the lines it took ({@link #of}).
 */
public record AccountMove(
        String id, String accountId, long from, long until, List<String> subscriberIds) {

    /**
     * The moves of these conditions, in the order of their first window; the other conditions are
     * left out.
     */
    public static List<AccountMove> of(Collection<ConditionWindow> conditions) {
        Map<String, List<ConditionWindow>> byMove = new LinkedHashMap<>();
        for (ConditionWindow c : conditions) {
            if (c.condition() == Condition.ACCOUNT_MOVE) {
                byMove.computeIfAbsent(c.caseId(), id -> new ArrayList<>()).add(c);
            }
        }
        List<AccountMove> moves = new ArrayList<>(byMove.size());
        for (List<ConditionWindow> windows : byMove.values()) {
            ConditionWindow first = windows.get(0);
            moves.add(
                    new AccountMove(
                            first.caseId(),
                            first.scope(),
                            windows.stream().mapToLong(ConditionWindow::from).min().orElseThrow(),
                            windows.stream().mapToLong(ConditionWindow::until).max().orElseThrow(),
                            windows.stream().map(ConditionWindow::subscriberId).sorted().toList()));
        }
        return moves;
    }
}
