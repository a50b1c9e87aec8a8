package io.pulse.scoring.alerts;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.EventType;
import io.pulse.schema.Reason;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Turns the rules' verdicts into alert episodes. One condition episode raises one OPEN alert with a
 * deterministic id, an UPDATED one each time its severity rises, and a RESOLVED one when it clears
 * (or the subscriber is terminated). The first alert of an episode that would contact the customer
 * counts against the retention-contact limit; beyond it the episode is published with {@code
 * contactAllowed: false}, as are the retention team's episodes of the control group ({@code
 * control: true}).
 *
 * <p>A silence, usage drop or churn risk that rises while a network incident of the subscriber's
 * area is open ({@link AreaIncidents}) is the network's, not the subscriber's: its episode names
 * the incident, contacts no one and uses up no contact. Once the incident has ended, an episode
 * whose condition goes on is treated as usual again: an UPDATED record without the incident, within
 * the contact limit as a new episode would be. Held episodes are looked at again every hour.
 */
public final class AlertEngine {
    public static final String TERMINATED = "TERMINATED";

    /** The episodes a network incident holds back: the subscriber's own silence and decline. */
    static final Set<AlertType> HELD_IN_INCIDENTS =
            EnumSet.of(AlertType.ZERO_ACTIVITY, AlertType.USAGE_DROP, AlertType.CHURN_RISK);

    /**
     * The episodes a line of a customer account (a profile with an {@code accountId}) leaves to its
     * account's watch, which raises one case for the account: published, not contacted.
     */
    static final Set<AlertType> ACCOUNT_CASES =
            EnumSet.of(AlertType.SPEND_DROP, AlertType.COMPETITOR_CONTACT);

    private final List<AlertRule> rules;
    private final AlertFactory factory;
    private final AreaIncidents incidents;
    private final int contactLimit;

    public AlertEngine(
            ScoringConfig config,
            double churnAlertThreshold,
            AlertFactory factory,
            AreaIncidents incidents) {
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
        this.incidents = incidents;
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
        if (heldByIncident(state)) {
            next = Math.min(next, recheckTime(state));
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
        boolean caughtUp = false;
        for (int round = 0; round < 3 * rules.size() && !caughtUp; round++) {
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
                caughtUp = true;
                continue;
            }
            state.setAlertsEvaluatedUntil(nextDue);
            AlertContext context =
                    new AlertContext(
                            subscriberId, state, profile, scoresAt.apply(nextDue), nextDue, null);
            if (!apply(next, context, processingTime, out)) {
                settled.add(next);
            }
        }
        if (caughtUp && heldByIncident(state) && recheckTime(state) <= until) {
            state.setAlertsEvaluatedUntil(until);
            release(
                    new AlertContext(
                            subscriberId, state, profile, scoresAt.apply(until), until, null),
                    processingTime,
                    out);
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
        if (heldByIncident(state)) {
            release(context, processingTime, out);
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
                    Hold hold = hold(rule, context);
                    boolean allowed = hold == null && allowContact(state, rule, context);
                    OpenEpisode episode =
                            new OpenEpisode(
                                    rule.type(),
                                    finding.start(),
                                    finding.severity(),
                                    allowed,
                                    hold == null ? null : hold.incidentId());
                    addEpisode(state, episode);
                    List<Reason> reasons = new ArrayList<>(finding.reasons().get());
                    if (hold != null && hold.reason() != null) {
                        reasons.add(hold.reason());
                    }
                    out.add(
                            factory.alert(
                                    context,
                                    rule,
                                    AlertStatus.OPEN,
                                    episode,
                                    reasons,
                                    null,
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
                                    open,
                                    finding.reasons().get(),
                                    null,
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
                                open,
                                finding.reasons().get(),
                                finding.outcome(),
                                processingTime));
                return true;
            default:
                return false;
        }
    }

    /**
     * Why a new episode of {@code rule} is published without contacting anyone (and uses up no
     * contact), or null when nothing holds it back: a network incident open in the subscriber's
     * area, for the episodes incidents hold; the case of the line's account, for the episodes the
     * account's watch raises; the control group.
     */
    private Hold hold(AlertRule rule, AlertContext context) {
        if (HELD_IN_INCIDENTS.contains(rule.type())) {
            String incident = incidents.openAt(context.profile(), context.now());
            if (incident != null) {
                return Hold.incident(incident);
            }
        }
        if (ACCOUNT_CASES.contains(rule.type())
                && context.profile() != null
                && context.profile().getAccountId() != null) {
            return Hold.accountCase(context.profile().getAccountId());
        }
        return factory.heldOut(context, rule) ? Hold.CONTROL_GROUP : null;
    }

    /**
     * What holds an episode back: the incident it waits for (null: none), and the reason its alert
     * gives (null for the control group, which the alert's {@code control} flag tells).
     */
    private record Hold(String incidentId, Reason reason) {
        static final Hold CONTROL_GROUP = new Hold(null, null);

        static Hold incident(String incidentId) {
            return new Hold(
                    incidentId,
                    Reasons.of(
                            "NETWORK_INCIDENT",
                            null,
                            null,
                            null,
                            "Network incident %s open in the area: not contacted",
                            incidentId));
        }

        static Hold accountCase(String accountId) {
            return new Hold(
                    null,
                    Reasons.of(
                            "ACCOUNT_CASE",
                            null,
                            null,
                            null,
                            "A line of account %s: its account manager gets the account's case"
                                    + " (account-alerts), not this line's",
                            accountId));
        }
    }

    /**
     * Episodes held by an incident that has ended: held again if another incident of the area is
     * open, otherwise treated as usual from now (contact within the limit, the control group held
     * out). Either way an UPDATED record says so.
     */
    private void release(AlertContext context, long processingTime, List<Alert> out) {
        SubscriberState state = context.state();
        for (OpenEpisode episode : state.getEpisodes()) {
            String ended = episode.getIncidentId();
            if (ended == null || !incidents.endedBy(ended, context.now())) {
                continue;
            }
            AlertRule rule = rule(episode.getType());
            Hold hold = hold(rule, context);
            String next = hold == null ? null : hold.incidentId();
            episode.setIncidentId(next);
            episode.setContactAllowed(hold == null && allowContact(state, rule, context));
            Reason reason =
                    next == null
                            ? Reasons.of(
                                    "NETWORK_INCIDENT_ENDED",
                                    null,
                                    null,
                                    null,
                                    "Network incident %s has ended and the condition goes on",
                                    ended)
                            : Reasons.of(
                                    "NETWORK_INCIDENT",
                                    null,
                                    null,
                                    null,
                                    "Network incident %s has ended, %s is open in the area: not"
                                            + " contacted",
                                    ended,
                                    next);
            out.add(
                    factory.alert(
                            context,
                            rule,
                            AlertStatus.UPDATED,
                            episode,
                            List.of(reason),
                            null,
                            processingTime));
        }
    }

    private static boolean heldByIncident(SubscriberState state) {
        for (OpenEpisode episode : state.getEpisodes()) {
            if (episode.getIncidentId() != null) {
                return true;
            }
        }
        return false;
    }

    /** When held episodes are looked at again: the next whole hour of event time. */
    private static long recheckTime(SubscriberState state) {
        long hour = Days.MILLIS_PER_HOUR;
        return Math.floorDiv(state.getAlertsEvaluatedUntil(), hour) * hour + hour;
    }

    private AlertRule rule(AlertType type) {
        for (AlertRule rule : rules) {
            if (rule.type() == type) {
                return rule;
            }
        }
        throw new IllegalStateException("no rule raises " + type);
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
                                open,
                                List.of(),
                                TERMINATED,
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
