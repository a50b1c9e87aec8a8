package io.pulse.scoring.accounts;

import io.pulse.scoring.usage.ServiceSpend;

import java.util.List;

/**
 * One line of an account as its account watch sees it: its spend by service now and in the
 * reference month ({@link ServiceSpend#of}), and whether the line is still with the operator (a
 * terminated or ported-out line spends nothing now and counts as a line lost).
 */
public record LineSpend(String subscriberId, boolean active, List<ServiceSpend> spend) {

    public LineSpend {
        spend = List.copyOf(spend);
    }
}
