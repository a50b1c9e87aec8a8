package io.pulse.local.replay;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.Route;
import io.pulse.schema.ValueTier;
import io.pulse.simulator.Behaviour;
import io.pulse.simulator.Condition;
import io.pulse.simulator.ConditionWindow;
import io.pulse.simulator.SubscriberTruth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every alert type of a replayed history measured against the history's ground truth. Plain Java:
 * it sees only the alerts the job published and the truth the simulator wrote.
 *
 * <p>The figures cover the evaluation window, the history after its warm-up days; an alert is of
 * the window when it opened in it, a churner when it left in it. Per alert type:
 *
 * <ul>
 *   <li><b>alerts per 1,000 subscribers a month</b>: episodes opened, over the subscriber-months
 *       observed;
 *   <li><b>precision</b>: for the churn types ({@link #CHURN_TYPES}), the share of alerted
 *       subscribers who left within the churn window after an alert (alerts too close to the end of
 *       the history to be judged are left out); for the others, the share of alerts whose condition
 *       was really there ({@link #CONDITIONS}: a condition of the truth around the alert's time);
 *   <li><b>recall</b>: the share of churners with an alert of the type in the churn window before
 *       they left, and the median <b>lead time</b> from the first such alert to the churn date;
 *   <li><b>contacts per churner caught</b>: retention contacts (OPEN alerts to the retention team
 *       or an account manager that the monthly contact limit allowed) over the churners caught by a
 *       contact;
 *   <li><b>value</b>: the churners caught by a contact, each worth its tier's retained value times
 *       the save rate, less the contacts' cost.
 * </ul>
 */
public final class AlertEvaluation {
    /**
     * The types judged here: a subscriber's. NETWORK_INCIDENT is an area's, on a topic of its own,
     * judged against the planted outages (IncidentsAndAccountsAgainstTheTruthITCase).
     */
    static final List<AlertType> SUBSCRIBER_TYPES =
            Arrays.stream(AlertType.values()).filter(t -> t != AlertType.NETWORK_INCIDENT).toList();

    /** The types that warn of leaving: judged by whether the subscriber leaves. */
    public static final Set<AlertType> CHURN_TYPES =
            EnumSet.of(
                    AlertType.CHURN_RISK,
                    AlertType.ZERO_ACTIVITY,
                    AlertType.DORMANT,
                    AlertType.USAGE_DROP,
                    AlertType.SPEND_DROP,
                    AlertType.COMPETITOR_CONTACT,
                    AlertType.CONTRACT_EXPIRY);

    /** Types that steady subscribers who stay should not raise. */
    public static final Set<AlertType> QUIET_TYPES =
            EnumSet.of(
                    AlertType.CHURN_RISK,
                    AlertType.USAGE_DROP,
                    AlertType.ZERO_ACTIVITY,
                    AlertType.DORMANT);

    /** The truth's conditions that make an alert of a type right, besides leaving. */
    public static final Map<AlertType, Set<Condition>> CONDITIONS = conditions();

    private static final long DAY = 86_400_000L;

    /** A condition counts for an alert raised this close to its window. */
    private static final long CONDITION_TOLERANCE = 2 * DAY;

    private final EvaluationSettings settings;
    private final long windowStart;
    private final long end;
    private final long historyStart;
    private final Map<String, SubscriberTruth> truth = new HashMap<>();
    private final Map<String, List<ConditionWindow>> conditions = new HashMap<>();
    private final Map<String, ValueTier> tiers;

    /**
     * @param start the first moment of the history
     * @param end the last moment of the history
     * @param tiers each subscriber's value tier (from its scores); CRYSTAL when unknown
     */
    public AlertEvaluation(
            EvaluationSettings settings,
            long start,
            long end,
            Collection<SubscriberTruth> subscribers,
            Collection<ConditionWindow> conditions,
            Map<String, ValueTier> tiers) {
        this.settings = settings;
        this.historyStart = start;
        this.windowStart = start + settings.warmUpDays() * DAY;
        this.end = end;
        subscribers.forEach(s -> truth.put(s.subscriberId(), s));
        conditions.forEach(
                c ->
                        this.conditions
                                .computeIfAbsent(c.subscriberId(), id -> new ArrayList<>())
                                .add(c));
        this.tiers = tiers;
    }

    /** The figures of one alert type; NaN where there is nothing to divide by. */
    public record TypeFigures(
            AlertType type,
            int opened,
            double perThousandPerMonth,
            boolean churnType,
            double precision,
            int judged,
            double conditionPrecision,
            double conditionRecall,
            int conditionWindows,
            double recall,
            double medianLeadDays,
            int contacts,
            double contactsPerChurnerCaught,
            double value) {}

    /** The figures over all types, and the share of steady subscribers who stay quiet. */
    public record Overall(
            int subscribers,
            double subscriberMonths,
            int churners,
            double churnersPerMonth,
            int retentionContacts,
            double retentionContactsPerMonth,
            double recallOfAnyRetentionAlert,
            int steadyStayers,
            double steadyQuiet,
            int steadyStayersWithWaverers,
            double steadyQuietWithWaverers,
            List<Double> churnRiskLeadDays) {

        /** Retention contacts a month against the month's churners. */
        public double contactsPerChurner() {
            return retentionContactsPerMonth / churnersPerMonth;
        }
    }

    /**
     * A planted anomaly of the truth and the type that should find it: the anomalies begun in the
     * evaluated window, how many an alert of the type found, and the type's alerts off any of its
     * conditions per 1,000 subscribers a month (its false alarms).
     */
    public record AnomalyFigures(
            Condition anomaly,
            AlertType detector,
            int planted,
            int found,
            double falseAlarmsPerThousandPerMonth) {

        public double recall() {
            return ratio(found, planted);
        }
    }

    /** The planted anomalies of the truth, each with the type that should find it. */
    public static final Map<Condition, AlertType> ANOMALIES =
            Map.of(
                    Condition.FRAUD, AlertType.USAGE_SPIKE,
                    Condition.DATA_SURGE, AlertType.USAGE_SPIKE,
                    Condition.SPEND_COLLAPSE, AlertType.USAGE_DROP,
                    Condition.CALL_DROPS, AlertType.SATISFACTION_DROP);

    public record Result(
            List<TypeFigures> types,
            Overall overall,
            List<AnomalyFigures> anomalies,
            Uplift uplift) {}

    /**
     * What the retention contacts save, against the control group: of the subscribers with an alert
     * to the retention team in the evaluated time (the first, and early enough to judge), how many
     * of those contacted and how many of the control group's left within the churn window after it.
     * The uplift is the control group's churn less the contacted's, with the half-width of its 95%
     * confidence interval (normal approximation of the difference of two shares).
     */
    public record Uplift(int contacted, int contactedLeft, int control, int controlLeft) {
        public double contactedChurn() {
            return ratio(contactedLeft, contacted);
        }

        public double controlChurn() {
            return ratio(controlLeft, control);
        }

        public double uplift() {
            return controlChurn() - contactedChurn();
        }

        public double halfWidth95() {
            double a = contactedChurn();
            double b = controlChurn();
            return 1.96 * Math.sqrt(a * (1 - a) / contacted + b * (1 - b) / control);
        }
    }

    public Result evaluate(List<Alert> alerts) {
        Map<AlertType, List<Alert>> opened = new EnumMap<>(AlertType.class);
        Map<String, Set<AlertType>> quietBreakers = new HashMap<>();
        for (Alert alert : actedOn(alerts)) {
            if (alert.getEventTime() < historyStart + settings.quietDays() * DAY
                    && QUIET_TYPES.contains(alert.getType())) {
                quietBreakers
                        .computeIfAbsent(
                                alert.getSubscriberId(), id -> EnumSet.noneOf(AlertType.class))
                        .add(alert.getType());
            }
            if (alert.getEventTime() >= windowStart && alert.getEventTime() <= end) {
                opened.computeIfAbsent(alert.getType(), t -> new ArrayList<>()).add(alert);
            }
        }
        List<String> churners =
                truth.values().stream()
                        .filter(
                                s ->
                                        s.leaves()
                                                && s.churn().until() >= windowStart
                                                && s.churn().until() <= end)
                        .map(SubscriberTruth::subscriberId)
                        .toList();
        double months = subscriberMonths();
        List<TypeFigures> types = new ArrayList<>();
        Set<String> caughtByAny = new HashSet<>();
        int retentionContacts = 0;
        List<Double> churnRiskLeads = List.of();
        for (AlertType type : SUBSCRIBER_TYPES) {
            List<Alert> ofType = opened.getOrDefault(type, List.of());
            Catch caught = caught(ofType, churners);
            if (type == AlertType.CHURN_RISK) {
                churnRiskLeads = caught.leadDays();
            }
            int contacts =
                    (int) ofType.stream().filter(AlertEvaluation::isRetentionContact).count();
            retentionContacts += contacts;
            ofType.stream()
                    .filter(AlertEvaluation::isRetentionContact)
                    .filter(a -> caught.byContact().contains(a.getSubscriberId()))
                    .forEach(a -> caughtByAny.add(a.getSubscriberId()));
            double value = 0;
            for (String id : caught.byContact()) {
                value += settings.retainedValue(tiers.getOrDefault(id, ValueTier.CRYSTAL));
            }
            value -= contacts * settings.contactCostYuan();
            int[] judged = churnPrecision(ofType);
            int[] found = conditionsFound(CONDITIONS.get(type), ofType);
            types.add(
                    new TypeFigures(
                            type,
                            ofType.size(),
                            1000.0 * ofType.size() / months,
                            CHURN_TYPES.contains(type),
                            ratio(judged[0], judged[1]),
                            judged[1],
                            conditionPrecision(type, ofType),
                            ratio(found[0], found[1]),
                            found[1],
                            ratio(caught.leadDays().size(), churners.size()),
                            median(caught.leadDays()),
                            contacts,
                            ratio(contacts, caught.byContact().size()),
                            contacts == 0 && caught.byContact().isEmpty() ? Double.NaN : value));
        }
        List<AnomalyFigures> anomalies = new ArrayList<>();
        for (Condition anomaly : Condition.values()) {
            AlertType detector = ANOMALIES.get(anomaly);
            if (detector == null) {
                continue;
            }
            List<Alert> ofType = opened.getOrDefault(detector, List.of());
            int[] found = conditionsFound(EnumSet.of(anomaly), ofType);
            double off = ofType.size() * (1 - nanAsOne(conditionPrecision(detector, ofType)));
            anomalies.add(
                    new AnomalyFigures(
                            anomaly, detector, found[1], found[0], 1000.0 * off / months));
        }
        double windowMonths = (end - windowStart) / (30.0 * DAY);
        int[] quiet = quiet(quietBreakers, false);
        int[] quietWithWaverers = quiet(quietBreakers, true);
        return new Result(
                types,
                new Overall(
                        truth.size(),
                        months,
                        churners.size(),
                        churners.size() / windowMonths,
                        retentionContacts,
                        retentionContacts / windowMonths,
                        ratio(caughtByAny.size(), churners.size()),
                        quiet[1],
                        ratio(quiet[0], quiet[1]),
                        quietWithWaverers[1],
                        ratio(quietWithWaverers[0], quietWithWaverers[1]),
                        churnRiskLeads),
                anomalies,
                uplift(alerts));
    }

    /**
     * Each episode's record its team acts on: its OPEN record, or, for an episode a network
     * incident held back and then released (the condition outlasted the incident), the UPDATED
     * record that released it, at its time.
     */
    static List<Alert> actedOn(List<Alert> alerts) {
        Map<String, Alert> episodes = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            if (alert.getStatus() == AlertStatus.OPEN) {
                episodes.put(alert.getAlertId(), alert);
            } else if (alert.getStatus() == AlertStatus.UPDATED && alert.getIncidentId() == null) {
                episodes.computeIfPresent(
                        alert.getAlertId(),
                        (id, opening) -> opening.getIncidentId() != null ? alert : opening);
            }
        }
        return new ArrayList<>(episodes.values());
    }

    private Uplift uplift(List<Alert> alerts) {
        Map<String, Alert> first = new HashMap<>();
        long window = settings.churnWindowDays() * DAY;
        for (Alert alert : actedOn(alerts)) {
            long at = alert.getEventTime();
            if (alert.getRoute() == Route.RETENTION_TEAM
                    && at >= windowStart
                    && at + window <= end) {
                first.merge(
                        alert.getSubscriberId(),
                        alert,
                        (a, b) -> a.getEventTime() <= b.getEventTime() ? a : b);
            }
        }
        int contacted = 0;
        int contactedLeft = 0;
        int control = 0;
        int controlLeft = 0;
        for (Alert alert : first.values()) {
            SubscriberTruth s = truth.get(alert.getSubscriberId());
            boolean left =
                    s != null
                            && s.leaves()
                            && s.churn().until() > alert.getEventTime()
                            && s.churn().until() <= alert.getEventTime() + window;
            if (alert.getControl()) {
                control++;
                controlLeft += left ? 1 : 0;
            } else if (alert.getContactAllowed()) {
                contacted++;
                contactedLeft += left ? 1 : 0;
            }
        }
        return new Uplift(contacted, contactedLeft, control, controlLeft);
    }

    private static double nanAsOne(double share) {
        return Double.isNaN(share) ? 1 : share;
    }

    /**
     * Churners with an alert in the window before they left: their lead times, and those caught by
     * a contact.
     */
    private record Catch(List<Double> leadDays, Set<String> byContact) {}

    private Catch caught(List<Alert> alerts, List<String> churners) {
        Map<String, Long> firstAlert = new HashMap<>();
        Set<String> byContact = new HashSet<>();
        Set<String> churning = new HashSet<>(churners);
        long window = settings.churnWindowDays() * DAY;
        for (Alert alert : alerts) {
            String id = alert.getSubscriberId();
            if (!churning.contains(id)) {
                continue;
            }
            long churn = truth.get(id).churn().until();
            long at = alert.getEventTime();
            if (at < churn && at >= churn - window) {
                firstAlert.merge(id, at, Math::min);
                if (isRetentionContact(alert)) {
                    byContact.add(id);
                }
            }
        }
        List<Double> leads = new ArrayList<>();
        firstAlert.forEach(
                (id, at) -> leads.add((truth.get(id).churn().until() - at) / (double) DAY));
        leads.sort(Double::compare);
        return new Catch(leads, byContact);
    }

    /**
     * Alerted subscribers whose alerts can be judged, and those of them who left within the window
     * after one.
     */
    private int[] churnPrecision(List<Alert> alerts) {
        long window = settings.churnWindowDays() * DAY;
        Set<String> judged = new HashSet<>();
        Set<String> right = new HashSet<>();
        for (Alert alert : alerts) {
            long at = alert.getEventTime();
            SubscriberTruth s = truth.get(alert.getSubscriberId());
            boolean leftWithin =
                    s != null
                            && s.leaves()
                            && s.churn().until() > at
                            && s.churn().until() <= at + window;
            if (at + window > end && !leftWithin) {
                continue;
            }
            judged.add(alert.getSubscriberId());
            if (leftWithin) {
                right.add(alert.getSubscriberId());
            }
        }
        return new int[] {right.size(), judged.size()};
    }

    /**
     * The conditions of the truth that began in the evaluated window, and how many of them one of
     * the alerts found (opened within the condition's window, give or take the tolerance): the
     * recall of planted and ordinary conditions alike.
     */
    private int[] conditionsFound(Set<Condition> wanted, List<Alert> alerts) {
        Map<String, List<Alert>> bySubscriber = new HashMap<>();
        for (Alert alert : alerts) {
            bySubscriber
                    .computeIfAbsent(alert.getSubscriberId(), id -> new ArrayList<>())
                    .add(alert);
        }
        int windows = 0;
        int found = 0;
        for (List<ConditionWindow> ofSubscriber : conditions.values()) {
            for (ConditionWindow c : ofSubscriber) {
                if (!wanted.contains(c.condition()) || c.from() < windowStart || c.from() > end) {
                    continue;
                }
                windows++;
                long until = c.until() == ConditionWindow.OPEN ? end : c.until();
                boolean alerted =
                        bySubscriber.getOrDefault(c.subscriberId(), List.of()).stream()
                                .anyMatch(
                                        a ->
                                                a.getEventTime() >= c.from() - CONDITION_TOLERANCE
                                                        && a.getEventTime()
                                                                < until + CONDITION_TOLERANCE);
                if (alerted) {
                    found++;
                }
            }
        }
        return new int[] {found, windows};
    }

    private double conditionPrecision(AlertType type, List<Alert> alerts) {
        Set<Condition> wanted = CONDITIONS.get(type);
        if (wanted.isEmpty() || alerts.isEmpty()) {
            return Double.NaN;
        }
        int right = 0;
        for (Alert alert : alerts) {
            long at = alert.getEventTime();
            for (ConditionWindow c : conditions.getOrDefault(alert.getSubscriberId(), List.of())) {
                if (wanted.contains(c.condition())
                        && at >= c.from() - CONDITION_TOLERANCE
                        && (c.until() == ConditionWindow.OPEN
                                || at < c.until() + CONDITION_TOLERANCE)) {
                    right++;
                    break;
                }
            }
        }
        return ratio(right, alerts.size());
    }

    /**
     * Steady subscribers who stay (waverers counted among them or not), and how many raised no
     * quiet-type alert.
     */
    private int[] quiet(Map<String, Set<AlertType>> breakers, boolean withWaverers) {
        long quietEnd = historyStart + settings.quietDays() * DAY;
        int steady = 0;
        int quiet = 0;
        for (SubscriberTruth s : truth.values()) {
            boolean stays = !s.leaves() || s.churn().signsFrom() > Math.min(end, quietEnd);
            boolean wavers = s.waver() != null && s.waver().signsFrom() < quietEnd;
            if (s.behaviour() != Behaviour.STEADY || !stays || (wavers && !withWaverers)) {
                continue;
            }
            steady++;
            if (!breakers.containsKey(s.subscriberId())) {
                quiet++;
            }
        }
        return new int[] {quiet, steady};
    }

    private double subscriberMonths() {
        double days = 0;
        for (SubscriberTruth s : truth.values()) {
            long until = s.leaves() ? Math.min(end, s.churn().until()) : end;
            days += Math.max(0, until - windowStart) / (double) DAY;
        }
        return days / 30;
    }

    static boolean isRetentionContact(Alert alert) {
        return alert.getContactAllowed()
                && (alert.getRoute() == Route.RETENTION_TEAM
                        || alert.getRoute() == Route.ACCOUNT_MANAGER);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    static double median(List<Double> sorted) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<AlertType, Set<Condition>> conditions() {
        Map<AlertType, Set<Condition>> map = new EnumMap<>(AlertType.class);
        for (AlertType type : AlertType.values()) {
            map.put(type, EnumSet.noneOf(Condition.class));
        }
        map.put(AlertType.ZERO_ACTIVITY, EnumSet.of(Condition.SILENCE));
        map.put(AlertType.DORMANT, EnumSet.of(Condition.NO_CALLS, Condition.SILENCE));
        map.put(
                AlertType.USAGE_DROP,
                EnumSet.of(Condition.USAGE_DECLINE, Condition.SPEND_COLLAPSE));
        map.put(AlertType.SPEND_DROP, EnumSet.of(Condition.SPEND_DECLINE, Condition.USAGE_DECLINE));
        map.put(AlertType.COMPETITOR_CONTACT, EnumSet.of(Condition.COMPETITOR_APPROACH));
        map.put(
                AlertType.SATISFACTION_DROP,
                EnumSet.of(Condition.DISSATISFIED, Condition.CALL_DROPS));
        map.put(AlertType.CONTRACT_EXPIRY, EnumSet.of(Condition.CONTRACT_ENDING));
        map.put(AlertType.ARREARS, EnumSet.of(Condition.ARREARS, Condition.SUSPENDED));
        map.put(AlertType.BILL_SHOCK, EnumSet.of(Condition.BILL_SHOCK));
        map.put(AlertType.USAGE_SPIKE, EnumSet.of(Condition.FRAUD, Condition.DATA_SURGE));
        map.put(AlertType.REPAIR_OVERDUE, EnumSet.of(Condition.REPAIR_LATE));
        return map;
    }
}
