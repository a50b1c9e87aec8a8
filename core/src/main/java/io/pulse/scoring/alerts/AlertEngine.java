package io.pulse.scoring.alerts;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.scores.ScoreSnapshot;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Turns the rules' verdicts into alert episodes. One condition episode raises one OPEN alert with a
 * deterministic id, an UPDATED one each time its severity rises, and a RESOLVED one when it clears
 * (or the subscriber is terminated). The first alert of an episode that would contact the customer
 * counts against the retention-contact limit; beyond it the episode is published with {@code
 * contactAllowed: false}, as are the retention team's episodes of the control group ({@code
 * control: true}).
 */
public final class AlertEngine {
    public static final String TERMINATED = "TERMINATED";

    private final List<AlertRule> rules;
    private final AlertFactory factory;
    private final int contactLimit;

    public AlertEngine(ScoringConfig config, double churnAlertThreshold, AlertFactory factory) {
        ScoringConfig.Alerts a = config.alerts();
        this.rules =
                List.of(
                        new ZeroActivityRule(a.zeroActivity()),
                        new DormantRule(a.dormant()),
                        new UsageDropRule(a.usageDrop()),
                        new SpendDropRule(a.spendDrop()),
                        new ChurnRiskRule(a.churnRisk(), churnAlertThreshold),
                        new SatisfactionDropRule(a.satisfactionDrop()),
                        new ContractExpiryRule(a.contractExpiry()),
                        new ArrearsRule(a.arrears()),
                        new BillShockRule(a.billShock()),
                        new UsageSpikeRule(a.usageSpike()),
                        new RepairOverdueRule(a.repairOverdue()),
                        new CompetitorContactRule(a.competitorContact()));
        this.factory = factory;
        this.contactLimit = a.retentionContactsPer30Days();
    }

    /** The earliest due time of any rule still ahead: when the subscriber's timer must fire. */
    public long nextDue(SubscriberState state, SubscriberProfile profile) {
        long next = Long.MAX_VALUE;
        for (AlertRule rule : rules(state)) {
            long due = rule.dueTime(state, profile, open(state, rule.type()));
            if (due >= state.getAlertsEvaluatedUntil()) {
                next = Math.min(next, due);
            }
        }
        return next;
    }

    /**
     * Evaluates every rule whose due time has come by {@code until}, each at its own due time, in
     * time order: a timer fired, or a record arrived after things fell due.
     *
     * @param scoresAt the subscriber's scores at a given event time
     */
    public void catchUp(
            String subscriberId,
            SubscriberState state,
            SubscriberProfile profile,
            long until,
            LongFunction<ScoreSnapshot> scoresAt,
            long processingTime,
            List<Alert> out) {
        // Due times are evaluated in time order and never behind what was evaluated already: a
        // due time that falls behind (a late record, a contract window already passed) is judged
        // by the next event instead, at that event's time. An evaluation opens, escalates or
        // closes an episode, which moves the rule's due time on; one that changed nothing is not
        // asked again.
        List<AlertRule> settled = new ArrayList<>();
        for (int round = 0; round < 3 * rules.size(); round++) {
            AlertRule next = null;
            long nextDue = Long.MAX_VALUE;
            for (AlertRule rule : rules(state)) {
                long due = rule.dueTime(state, profile, open(state, rule.type()));
                if (due < nextDue
                        && due >= state.getAlertsEvaluatedUntil()
                        && !settled.contains(rule)) {
                    nextDue = due;
                    next = rule;
                }
            }
            if (next == null || nextDue > until) {
                return;
            }
            state.setAlertsEvaluatedUntil(nextDue);
            AlertContext context =
                    new AlertContext(
                            subscriberId, state, profile, scoresAt.apply(nextDue), nextDue, null);
            if (!apply(next, context, processingTime, out)) {
                settled.add(next);
            }
        }
    }

    /** Evaluates every rule after an event was applied to the state. */
    public void afterEvent(AlertContext context, long processingTime, List<Alert> out) {
        SubscriberState state = context.state();
        state.setAlertsEvaluatedUntil(Math.max(state.getAlertsEvaluatedUntil(), context.now()));
        if (context.state().getStatus() == SubscriberStatus.TERMINATED) {
            closeAll(context, processingTime, out);
        }
        for (AlertRule rule : rules(context.state())) {
            apply(rule, context, processingTime, out);
        }
    }

    /** Applies one rule's verdict; false when it changed nothing. */
    private boolean apply(
            AlertRule rule, AlertContext context, long processingTime, List<Alert> out) {
        SubscriberState state = context.state();
        OpenEpisode open = open(state, rule.type());
        Finding finding = rule.evaluate(context, open);
        switch (finding.kind()) {
            case RAISE:
                if (open == null) {
                    // a member of the control group is not contacted, and uses up no contact
                    boolean allowed =
                            !factory.heldOut(context, rule) && allowContact(state, rule, context);
                    addEpisode(
                            state,
                            new OpenEpisode(
                                    rule.type(), finding.start(), finding.severity(), allowed));
                    out.add(
                            factory.alert(
                                    context,
                                    rule,
                                    AlertStatus.OPEN,
                                    finding.severity(),
                                    finding.start(),
                                    finding.reasons().get(),
                                    null,
                                    allowed,
                                    processingTime));
                    return true;
                }
                if (finding.severity().compareTo(open.getSeverity()) > 0) {
                    open.setSeverity(finding.severity());
                    out.add(
                            factory.alert(
                                    context,
                                    rule,
                                    AlertStatus.UPDATED,
                                    finding.severity(),
                                    open.getStart(),
                                    finding.reasons().get(),
                                    null,
                                    open.getContactAllowed(),
                                    processingTime));
                    return true;
                }
                return false;
            case CLEAR:
                if (open == null) {
                    return false;
                }
                removeEpisode(state, open);
                out.add(
                        factory.alert(
                                context,
                                rule,
                                AlertStatus.RESOLVED,
                                open.getSeverity(),
                                open.getStart(),
                                finding.reasons().get(),
                                finding.outcome(),
                                open.getContactAllowed(),
                                processingTime));
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a terminated subscriber's state must stay: an episode that outlives the termination
     * (a debt) is still open.
     */
    public boolean holdsTerminated(SubscriberState state) {
        for (AlertRule rule : rules) {
            if (rule.outlivesTermination() && open(state, rule.type()) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rules that still judge the subscriber: after a termination, only those that outlive it.
     */
    private List<AlertRule> rules(SubscriberState state) {
        if (state.getStatus() != SubscriberStatus.TERMINATED) {
            return rules;
        }
        List<AlertRule> outliving = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.outlivesTermination()) {
                outliving.add(rule);
            }
        }
        return outliving;
    }

    /**
     * A terminated subscriber has churned: every open episode closes with that outcome, but for
     * those that outlive the termination (an unpaid debt stays a collections case).
     */
    private void closeAll(AlertContext context, long processingTime, List<Alert> out) {
        SubscriberState state = context.state();
        for (AlertRule rule : rules) {
            OpenEpisode open = open(state, rule.type());
            if (open != null && !rule.outlivesTermination()) {
                removeEpisode(state, open);
                out.add(
                        factory.alert(
                                context,
                                rule,
                                AlertStatus.RESOLVED,
                                open.getSeverity(),
                                open.getStart(),
                                List.of(),
                                TERMINATED,
                                open.getContactAllowed(),
                                processingTime));
            }
        }
    }

    /**
     * Whether a new episode may contact the customer: routes that call the customer count, at most
     * {@code retention-contacts-per-30-days} of them in any 30 days.
     */
    private boolean allowContact(SubscriberState state, AlertRule rule, AlertContext context) {
        Route route = AlertFactory.route(rule, context.segment() == Segment.KEY_ACCOUNT);
        if (route == Route.COLLECTIONS || route == Route.NETWORK_OPERATIONS) {
            return true;
        }
        long since = context.now() - Days.days(30);
        List<Long> recent = new ArrayList<>();
        for (long time : state.getContactTimes()) {
            if (time > since) {
                recent.add(time);
            }
        }
        boolean allowed = recent.size() < contactLimit;
        if (allowed) {
            recent.add(context.now());
        }
        state.setContactTimes(recent);
        return allowed;
    }

    static OpenEpisode open(SubscriberState state, AlertType type) {
        for (OpenEpisode episode : state.getEpisodes()) {
            if (episode.getType() == type) {
                return episode;
            }
        }
        return null;
    }

    private static void addEpisode(SubscriberState state, OpenEpisode episode) {
        List<OpenEpisode> episodes = new ArrayList<>(state.getEpisodes());
        episodes.add(episode);
        state.setEpisodes(episodes);
    }

    private static void removeEpisode(SubscriberState state, OpenEpisode episode) {
        List<OpenEpisode> episodes = new ArrayList<>(state.getEpisodes());
        episodes.remove(episode);
        state.setEpisodes(episodes);
    }

    /** Whether an event is the subscriber's own outgoing activity. */
    static boolean isEvent(AlertContext context, EventType type) {
        SubscriberEvent event = context.event();
        return event != null && event.getType() == type;
    }
}
