package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.Route;
import io.pulse.schema.SubscriberProfile;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

/**
 * One alert type of docs/specification.md, section 5. A rule only judges the condition; the {@link
 * AlertEngine} turns verdicts into episodes (OPEN, UPDATED, RESOLVED), ids, contact limits and
 * routes.
 */
public interface AlertRule {

    AlertType type();

    /** Where the alert goes unless the subscriber is a key account (then: the account manager). */
    Route route();

    /** The recommended action; null: the lifecycle playbook's action for the subscriber's stage. */
    default String action() {
        return null;
    }

    /**
     * The event time at which the verdict can change without any event arriving (a silence reaching
     * its threshold, a repair falling overdue), or {@code Long.MAX_VALUE}. The rule is then
     * evaluated at exactly that time, by the timer or before the next event, whichever comes first,
     * so the output does not depend on how records and watermarks interleave.
     */
    default long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        return Long.MAX_VALUE;
    }

    /**
     * Whether a team other than the account manager acts on the alert even for a key account
     * (collections on a debt, network operations on a repair): the alert keeps its route, and the
     * key account's manager is told as its assignee.
     */
    default boolean actedOnByItsTeam() {
        return false;
    }

    /**
     * Whether the rule's episodes go on after the subscriber is terminated (a debt outlives the
     * line); every other episode closes with the termination.
     */
    default boolean outlivesTermination() {
        return false;
    }

    /** The verdict at {@code context.now()}; {@code open} is the rule's open episode, or null. */
    Finding evaluate(AlertContext context, OpenEpisode open);
}
