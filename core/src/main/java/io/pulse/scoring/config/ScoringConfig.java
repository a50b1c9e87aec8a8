package io.pulse.scoring.config;

import io.pulse.schema.KeyAccountSize;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Segment;
import io.pulse.schema.ValueTier;
import io.pulse.scoring.model.CombineRule;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The scoring configuration ({@code config/scoring.yaml}): every weight, threshold and window of
 * the job. Immutable and validated at load; a bad file fails with a message naming the key.
 */
public record ScoringConfig(
        String version,
        Time time,
        StateLimits state,
        Churn churn,
        Satisfaction satisfaction,
        Lifecycle lifecycle,
        Map<ValueTier, Long> valueTierFloorsYuan,
        Map<KeyAccountSize, Long> keyAccountSizeFloorsYuan,
        Map<LifecycleStage, String> playbook,
        ScoreEmission scores,
        Alerts alerts,
        Outputs outputs)
        implements Serializable {

    public record Time(int outOfOrdernessSeconds, int idlenessSeconds, int allowedLatenessHours)
            implements Serializable {}

    public record StateLimits(
            int retentionDays,
            int dedupHorizonHours,
            int idleSubscriberTtlDays,
            int maxOpenFaults,
            int maxUnpaidBills,
            int maxServices,
            int maxEventsPerDay)
            implements Serializable {}

    /**
     * How churn is scored: the trained models of {@code modelFile} and the consumption model, which
     * of them ({@code members}) are combined by {@code combine}, and from which probability ({@code
     * band}) a subscriber is flagged.
     */
    public record Churn(
            String modelFile,
            List<String> members,
            CombineRule combine,
            Band band,
            ConsumptionModel consumption)
            implements Serializable {
        /** The name of the consumption model among the members. */
        public static final String CONSUMPTION = "consumption";
    }

    /**
     * Where the CHURN_RISK band starts: at a fixed combined probability, or where the model file's
     * operating points (measured when it was trained, on the latest part of its history) say a
     * monthly contact budget is spent or a precision is reached.
     */
    public record Band(BandKind kind, double value) implements Serializable {}

    public enum BandKind {
        /** {@code probability: P}: flag from a combined probability of P. */
        PROBABILITY("probability"),
        /** {@code monthly-budget: S}: flag at most about S of the subscribers (0..1) in a month. */
        MONTHLY_BUDGET("monthly-budget"),
        /**
         * {@code precision: H}: flag from where about H of the flagged leave within the model's
         * horizon.
         */
        PRECISION("precision");

        public final String key;

        BandKind(String key) {
            this.key = key;
        }
    }

    /**
     * The source's consumption model: churn = exp(-k * y * (1 + trendWeight * trend)), y = sum(w_i
     * * u_i), trend the month-on-month change of y (the source's missing time factor).
     */
    public record ConsumptionModel(
            double k,
            double trendWeight,
            int minObservedDays,
            Map<ConsumptionService, ServiceWeight> services)
            implements Serializable {}

    public record ServiceWeight(double weight, double min, double max) implements Serializable {
        /** Min-max normalisation, clipped to 0..1. */
        public double normalise(double usage) {
            return Math.max(0.0, Math.min(1.0, (usage - min) / (max - min)));
        }
    }

    public record Satisfaction(
            Map<Segment, Double> baseline,
            int halfLifeDays,
            List<Double> complaintBySeverity,
            double billingComplaintExtra,
            double droppedCall,
            double fault,
            double careContact,
            double repeatContact,
            int repeatContactDays,
            double lateRepair,
            double overdueRepair,
            double billShock,
            int surveyAnswers)
            implements Serializable {}

    public record Lifecycle(
            int onboardingDays,
            int growthDays,
            int declineBeforeContractEndDays,
            int declineSilentDays,
            double declineUsageRatio)
            implements Serializable {}

    /** How the scores and the alerts topics name the subscriber. */
    public record Outputs(SubscriberIdForm scores, SubscriberIdForm alerts)
            implements Serializable {}

    /** The subscriber id as the input gives it, or its keyed-hash pseudonym. */
    public enum SubscriberIdForm {
        PLAIN,
        PSEUDONYM
    }

    public record ScoreEmission(double churnChange, double satisfactionChange)
            implements Serializable {}

    /** The alert rules of docs/specification.md, section 5 and the retention-contact limit. */
    public record Alerts(
            int retentionContactsPer30Days,
            ZeroActivity zeroActivity,
            Dormant dormant,
            UsageDrop usageDrop,
            SpendDrop spendDrop,
            ChurnRisk churnRisk,
            SatisfactionDrop satisfactionDrop,
            ContractExpiry contractExpiry,
            Arrears arrears,
            BillShock billShock,
            UsageSpike usageSpike,
            RepairOverdue repairOverdue,
            CompetitorContact competitorContact,
            ControlGroup controlGroup,
            NetworkIncident networkIncident)
            implements Serializable {}

    /**
     * NETWORK_INCIDENT: an area's hour judged against the same hour of the days of the same kind
     * (weekdays, weekends) among its last {@code baselineDays} days, their median, once {@code
     * minHistoryDays} of them are known; hours of an incident are left out of later baselines.
     *
     * @param minUsualActive hours usually quieter than this are not judged for silence
     * @param silentShare the share of the usual active subscribers that must be missing
     * @param minAffected the least number of them
     * @param minSigmas how many times the Poisson spread of the usual count (its square root) must
     *     be missing: an hour of a small area varies by chance
     * @param faultFactor fault reports or dropped calls at least this many times the usual ...
     * @param minFaults ... and this many more, open an incident too
     * @param recoveryHours resolved after this many hours in a row back within chance of the usual
     */
    public record NetworkIncident(
            int baselineDays,
            int minHistoryDays,
            int minUsualActive,
            double silentShare,
            int minAffected,
            double minSigmas,
            double faultFactor,
            int minFaults,
            int recoveryHours,
            String action)
            implements Serializable {}

    /**
     * The sticky control group: {@code fraction} of the subscribers (0 to 0.5; 0: none), drawn by a
     * hash of the id with {@code salt}, are held out from retention contact.
     */
    public record ControlGroup(double fraction, String salt) implements Serializable {}

    public record ZeroActivity(Map<Segment, Integer> silentDays) implements Serializable {}

    public record Dormant(int noCallDays, int passiveChurnDays) implements Serializable {}

    /**
     * USAGE_DROP: the last 30 days' traffic below {@code ratio} of the prior 60 days' monthly
     * average; or, against the subscriber's own rhythm, a watched measure low on at least {@code
     * lowDays} of the last two weeks' sealed days and short of its expected total by at least its
     * least shortfall.
     *
     * @param minShortfall the watched measures (names of the anomaly measures) and the least
     *     shortfall over the two weeks that counts, in the measure's units
     * @param lowDaysBySegment {@code lowDays} for the segments that have their own
     */
    public record UsageDrop(
            double ratio,
            double clearRatio,
            double minPriorMonthlyTraffic,
            int lowDays,
            Map<Segment, Integer> lowDaysBySegment,
            Map<String, Double> minShortfall)
            implements Serializable {

        public int lowDays(Segment segment) {
            return lowDaysBySegment.getOrDefault(segment, lowDays);
        }
    }

    public record SpendDrop(
            double serviceDrop, double totalDrop, double clearFactor, double minReferenceYuan)
            implements Serializable {}

    /**
     * CHURN_RISK: cleared once the probability falls below {@code clearFactor} times the band's
     * threshold (hysteresis), HIGH from {@code highFactor} times it.
     */
    public record ChurnRisk(double clearFactor, double highFactor, int minObservedDays)
            implements Serializable {}

    /**
     * SATISFACTION_DROP, and a burst of dropped calls today: at least {@code burstMinDropped}
     * dropped calls, their share {@code burstMinScore} spreads or more above the subscriber's own
     * usual share.
     */
    public record SatisfactionDrop(
            double below,
            double clearFrom,
            int dissatisfiedAnswer,
            int burstMinDropped,
            double burstMinScore,
            String action)
            implements Serializable {}

    public record ContractExpiry(int withinDays, String action) implements Serializable {}

    public record Arrears(int collectionsAfterDays, int writeOffDays, String action)
            implements Serializable {}

    public record BillShock(double ratio, double minYuan, String action) implements Serializable {}

    /**
     * USAGE_SPIKE: today's anomaly score over the watched measures at least {@code minScore}, one
     * of them above its usual range by at least its least excess; HIGH from 1.5 times the score.
     *
     * @param minScoreBySegment {@code minScore} for the segments that have their own
     * @param minExcess the watched measures (names of the anomaly measures, in lower case with
     *     dashes) and the least excess over the usual range that counts, in the measure's units
     * @param ignoredWithService per watched measure, the services (codes) whose subscribers it is
     *     not judged for (a roaming package makes roaming minutes no anomaly)
     */
    public record UsageSpike(
            double minScore,
            Map<Segment, Double> minScoreBySegment,
            Map<String, Double> minExcess,
            Map<String, Double> minScoreByMeasure,
            Map<String, List<String>> ignoredWithService,
            String action)
            implements Serializable {

        public double minScore(Segment segment) {
            return minScoreBySegment.getOrDefault(segment, minScore);
        }
    }

    public record RepairOverdue(String action) implements Serializable {}

    public record CompetitorContact(List<Segment> segments, int quietDays, String action)
            implements Serializable {}

    public static ScoringConfig load(Path file) {
        return ConfigNode.load(
                file,
                "scoring configuration",
                root -> read(root, file.toAbsolutePath().getParent(), null));
    }

    /**
     * Parses a configuration whose relative paths (the model file) are relative to {@code baseDir}.
     */
    public static ScoringConfig parse(String yaml, Path baseDir) {
        return read(ConfigNode.parse(yaml), baseDir, null);
    }

    /**
     * Parses a configuration published while the job runs, which may have been written for an
     * earlier Pulse: a section added since ({@code alerts.network-incident}) that it lacks is taken
     * from {@code fallback}, the configuration the job was started with. Every other key is
     * required as at start.
     */
    public static ScoringConfig parse(String yaml, Path baseDir, ScoringConfig fallback) {
        return read(ConfigNode.parse(yaml), baseDir, fallback);
    }

    /** Amounts per anomaly measure, e.g. {@code min-excess: {data-mb: 1000}}. */
    private static Map<String, Double> readPerMeasure(ConfigNode parent, String key) {
        ConfigNode m = parent.object(key);
        Map<String, Double> amounts = new LinkedHashMap<>();
        for (String measure : m.keys()) {
            amounts.put(measure, m.number(measure, 0, 1e12));
        }
        m.close();
        return Collections.unmodifiableMap(amounts);
    }

    /**
     * An optional map of segment overrides, e.g. {@code min-score-by-segment: {KEY_ACCOUNT: 6}}.
     */
    private static <V> Map<Segment, V> readBySegment(
            ConfigNode parent, String key, BiFunction<ConfigNode, String, V> value) {
        Map<Segment, V> bySegment = new EnumMap<>(Segment.class);
        if (!parent.has(key)) {
            return bySegment;
        }
        ConfigNode m = parent.object(key);
        for (String segment : m.keys()) {
            try {
                bySegment.put(Segment.valueOf(segment), value.apply(m, segment));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(m.key(segment) + ": not a segment");
            }
        }
        m.close();
        return bySegment;
    }

    /**
     * An optional map from watched measures (the keys of min-excess) to a value, e.g. {@code
     * min-score-by-measure: {data-mb: 4}} or {@code ignored-with-service: {roaming-minutes:
     * [...]}}.
     */
    private static <V> Map<String, V> readPerWatchedMeasure(
            ConfigNode parent,
            String key,
            Map<String, Double> watched,
            BiFunction<ConfigNode, String, V> value) {
        Map<String, V> values = new LinkedHashMap<>();
        if (!parent.has(key)) {
            return values;
        }
        ConfigNode m = parent.object(key);
        for (String measure : m.keys()) {
            if (!watched.containsKey(measure)) {
                throw new ConfigException(
                        m.key(measure) + ": not a watched measure (a key of min-excess)");
            }
            values.put(measure, value.apply(m, measure));
        }
        m.close();
        return Collections.unmodifiableMap(values);
    }

    private static ScoringConfig read(ConfigNode root, Path baseDir, ScoringConfig fallback) {
        ScoringConfig config =
                new ScoringConfig(
                        root.text("version"),
                        readTime(root.object("time")),
                        readState(root.object("state")),
                        readChurn(root.object("churn"), baseDir),
                        readSatisfaction(root.object("satisfaction")),
                        readLifecycle(root.object("lifecycle")),
                        readFloors(root.object("value-tiers"), ValueTier.class),
                        readFloors(root.object("key-account-sizes"), KeyAccountSize.class),
                        root.perEnum("playbook", LifecycleStage.class, ConfigNode::text),
                        readScores(root.object("scores")),
                        readAlerts(root.object("alerts"), fallback),
                        readOutputs(root.object("outputs")));
        root.close();
        // a re-sent event is either remembered or rejected as late, never counted twice
        if (config.state().dedupHorizonHours() < config.time().allowedLatenessHours()) {
            throw new ConfigException(
                    "state.dedup-horizon-hours must be at least time.allowed-lateness-hours");
        }
        return config;
    }

    private static Outputs readOutputs(ConfigNode n) {
        Outputs outputs =
                new Outputs(
                        n.enumValue("scores-subscriber-id", SubscriberIdForm.class),
                        n.enumValue("alerts-subscriber-id", SubscriberIdForm.class));
        n.close();
        return outputs;
    }

    private static Time readTime(ConfigNode n) {
        Time time =
                new Time(
                        n.integer("out-of-orderness-seconds", 0, 86_400),
                        n.integer("idleness-seconds", 1, 86_400),
                        n.integer("allowed-lateness-hours", 0, 24 * 30));
        n.close();
        return time;
    }

    private static StateLimits readState(ConfigNode n) {
        StateLimits limits =
                new StateLimits(
                        n.integer("retention-days", 92, 400),
                        n.integer("dedup-horizon-hours", 1, 24 * 30),
                        n.integer("idle-subscriber-ttl-days", 92, 3650),
                        n.integer("max-open-faults", 1, 1000),
                        n.integer("max-unpaid-bills", 1, 1000),
                        n.integer("max-services", 1, 1000),
                        n.integer("max-events-per-day", 100, 1_000_000));
        n.close();
        if (limits.idleSubscriberTtlDays() < limits.retentionDays()) {
            throw new ConfigException(
                    "state.idle-subscriber-ttl-days must be at least state.retention-days");
        }
        return limits;
    }

    private static Churn readChurn(ConfigNode n, Path baseDir) {
        ConfigNode c = n.object("consumption");
        ConsumptionModel model =
                new ConsumptionModel(
                        c.number("k", 0.001, 100),
                        c.number("trend-weight", 0, 1),
                        c.integer("min-observed-days", 1, 90),
                        readServices(c.object("services")));
        c.close();
        List<String> members = n.texts("members");
        if (members.isEmpty() || new HashSet<>(members).size() != members.size()) {
            throw new ConfigException(
                    n.key("members") + " must name at least one model, each once");
        }
        Churn churn =
                new Churn(
                        baseDir.resolve(n.text("model-file")).normalize().toString(),
                        members,
                        n.enumValue("combine", CombineRule.class),
                        readBand(n.object("band")),
                        model);
        n.close();
        return churn;
    }

    private static Band readBand(ConfigNode n) {
        List<Band> given = new ArrayList<>();
        for (BandKind kind : BandKind.values()) {
            if (n.has(kind.key)) {
                given.add(new Band(kind, n.number(kind.key, 0, 1)));
            }
        }
        n.close();
        if (given.size() != 1) {
            throw new ConfigException(
                    "churn.band must give exactly one of probability, monthly-budget or precision");
        }
        return given.get(0);
    }

    private static Map<ConsumptionService, ServiceWeight> readServices(ConfigNode n) {
        Map<ConsumptionService, ServiceWeight> services = new EnumMap<>(ConsumptionService.class);
        for (ConsumptionService service : ConsumptionService.values()) {
            ConfigNode w = n.object(service.key());
            double min = w.number("min", 0, 1e12);
            double max = w.number("max", 0, 1e12);
            if (max <= min) {
                throw new ConfigException(w.key("max") + " must be greater than " + w.key("min"));
            }
            services.put(service, new ServiceWeight(w.number("weight", 0, 10), min, max));
            w.close();
        }
        n.close();
        return services;
    }

    private static Satisfaction readSatisfaction(ConfigNode n) {
        ConfigNode p = n.object("penalties");
        Satisfaction satisfaction =
                new Satisfaction(
                        n.perEnum("baseline", Segment.class, (m, k) -> m.number(k, 0, 100)),
                        n.integer("half-life-days", 1, 3650),
                        p.numbers("complaint-by-severity", 3, 0, 100),
                        p.number("billing-complaint-extra", 0, 100),
                        p.number("dropped-call", 0, 100),
                        p.number("fault", 0, 100),
                        p.number("care-contact", 0, 100),
                        p.number("repeat-contact", 0, 100),
                        n.integer("repeat-contact-days", 1, 90),
                        p.number("late-repair", 0, 100),
                        p.number("overdue-repair", 0, 100),
                        p.number("bill-shock", 0, 100),
                        n.integer("survey-answers", 1, 100));
        p.close();
        n.close();
        return satisfaction;
    }

    private static Lifecycle readLifecycle(ConfigNode n) {
        Lifecycle lifecycle =
                new Lifecycle(
                        n.integer("onboarding-days", 1, 365),
                        n.integer("growth-days", 1, 3650),
                        n.integer("decline-before-contract-end-days", 1, 365),
                        n.integer("decline-silent-days", 1, 365),
                        n.number("decline-usage-ratio", 0, 1));
        n.close();
        if (lifecycle.growthDays() <= lifecycle.onboardingDays()) {
            throw new ConfigException(
                    "lifecycle.growth-days must be greater than lifecycle.onboarding-days");
        }
        return lifecycle;
    }

    /**
     * Monthly spend in yuan from which each class starts; the first class starts at 0 and is not
     * given.
     */
    private static <E extends Enum<E>> Map<E, Long> readFloors(ConfigNode n, Class<E> classes) {
        Map<E, Long> floors = new EnumMap<>(classes);
        E[] values = classes.getEnumConstants();
        floors.put(values[0], 0L);
        long previous = 0;
        for (E tier : values) {
            if (tier == values[0]) {
                continue;
            }
            long floor = n.integer(tier.name(), 1, Integer.MAX_VALUE);
            if (floor <= previous) {
                throw new ConfigException(n.key(tier.name()) + " must be above the one before it");
            }
            floors.put(tier, floor);
            previous = floor;
        }
        n.close();
        return floors;
    }

    private static ScoreEmission readScores(ConfigNode n) {
        ScoreEmission scores =
                new ScoreEmission(
                        n.number("churn-change", 0, 1), n.number("satisfaction-change", 0, 100));
        n.close();
        return scores;
    }

    private static Alerts readAlerts(ConfigNode n, ScoringConfig fallback) {
        ConfigNode za = n.object("zero-activity");
        ZeroActivity zeroActivity =
                new ZeroActivity(
                        za.perEnum("silent-days", Segment.class, (m, k) -> m.integer(k, 1, 365)));
        za.close();
        ConfigNode d = n.object("dormant");
        Dormant dormant =
                new Dormant(
                        d.integer("no-call-days", 1, 365), d.integer("passive-churn-days", 1, 365));
        d.close();
        requireAbove(
                dormant.passiveChurnDays(),
                dormant.noCallDays(),
                "alerts.dormant.passive-churn-days",
                "alerts.dormant.no-call-days");
        ConfigNode u = n.object("usage-drop");
        // the rule checks low-days against the days it is judged over
        UsageDrop usageDrop =
                new UsageDrop(
                        u.number("ratio", 0, 1),
                        u.number("clear-ratio", 0, 1),
                        u.number("min-prior-monthly-traffic", 0, 1e9),
                        u.integer("low-days", 1, 365),
                        readBySegment(u, "low-days-by-segment", (m, k) -> m.integer(k, 1, 365)),
                        readPerMeasure(u, "min-shortfall"));
        u.close();
        requireAbove(
                usageDrop.clearRatio(),
                usageDrop.ratio(),
                "alerts.usage-drop.clear-ratio",
                "alerts.usage-drop.ratio");
        ConfigNode sd = n.object("spend-drop");
        SpendDrop spendDrop =
                new SpendDrop(
                        sd.number("service-drop", 0, 1),
                        sd.number("total-drop", 0, 1),
                        sd.number("clear-factor", 0, 1),
                        sd.number("min-reference-yuan", 0, 1e12));
        sd.close();
        ConfigNode c = n.object("churn-risk");
        ChurnRisk churnRisk =
                new ChurnRisk(
                        c.number("clear-factor", 0, 0.99),
                        c.number("high-factor", 1, 100),
                        c.integer("min-observed-days", 0, 365));
        c.close();
        ConfigNode sat = n.object("satisfaction-drop");
        SatisfactionDrop satisfactionDrop =
                new SatisfactionDrop(
                        sat.number("below", 0, 100),
                        sat.number("clear-from", 0, 100),
                        sat.integer("dissatisfied-answer", 1, 4),
                        sat.integer("burst-min-dropped", 1, 1000),
                        sat.number("burst-min-score", 1, 1000),
                        sat.text("action"));
        sat.close();
        requireAbove(
                satisfactionDrop.clearFrom(),
                satisfactionDrop.below(),
                "alerts.satisfaction-drop.clear-from",
                "alerts.satisfaction-drop.below");
        ConfigNode ce = n.object("contract-expiry");
        ContractExpiry contractExpiry =
                new ContractExpiry(ce.integer("within-days", 1, 365), ce.text("action"));
        ce.close();
        ConfigNode a = n.object("arrears");
        Arrears arrears =
                new Arrears(
                        a.integer("collections-after-days", 1, 365),
                        a.integer("write-off-days", 1, 3650),
                        a.text("action"));
        if (arrears.writeOffDays() <= arrears.collectionsAfterDays()) {
            throw new ConfigException(
                    a.key("write-off-days") + " must be above collections-after-days");
        }
        a.close();
        ConfigNode b = n.object("bill-shock");
        BillShock billShock =
                new BillShock(
                        b.number("ratio", 1, 100), b.number("min-yuan", 0, 1e9), b.text("action"));
        b.close();
        ConfigNode us = n.object("usage-spike");
        Map<String, Double> minExcess = readPerMeasure(us, "min-excess");
        UsageSpike usageSpike =
                new UsageSpike(
                        us.number("min-score", 1, 1000),
                        readBySegment(us, "min-score-by-segment", (m, k) -> m.number(k, 1, 1000)),
                        minExcess,
                        readPerWatchedMeasure(
                                us,
                                "min-score-by-measure",
                                minExcess,
                                (m, k) -> m.number(k, 1, 1000)),
                        readPerWatchedMeasure(
                                us,
                                "ignored-with-service",
                                minExcess,
                                (m, k) -> List.copyOf(m.texts(k))),
                        us.text("action"));
        us.close();
        ConfigNode r = n.object("repair-overdue");
        RepairOverdue repairOverdue = new RepairOverdue(r.text("action"));
        r.close();
        ConfigNode cc = n.object("competitor-contact");
        List<Segment> segments = new ArrayList<>();
        for (String segment : cc.texts("segments")) {
            try {
                segments.add(Segment.valueOf(segment));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        cc.key("segments") + " names '" + segment + "', not a segment");
            }
        }
        CompetitorContact competitorContact =
                new CompetitorContact(
                        List.copyOf(segments), cc.integer("quiet-days", 1, 365), cc.text("action"));
        cc.close();
        ConfigNode cg = n.object("control-group");
        ControlGroup controlGroup =
                new ControlGroup(cg.number("fraction", 0, 0.5), cg.text("salt"));
        cg.close();
        Alerts alerts =
                new Alerts(
                        n.integer("retention-contacts-per-30-days", 0, 100),
                        zeroActivity,
                        dormant,
                        usageDrop,
                        spendDrop,
                        churnRisk,
                        satisfactionDrop,
                        contractExpiry,
                        arrears,
                        billShock,
                        usageSpike,
                        repairOverdue,
                        competitorContact,
                        controlGroup,
                        n.has("network-incident") || fallback == null
                                ? readNetworkIncident(n.object("network-incident"))
                                : fallback.alerts().networkIncident());
        n.close();
        return alerts;
    }

    private static NetworkIncident readNetworkIncident(ConfigNode n) {
        NetworkIncident incident =
                new NetworkIncident(
                        n.integer("baseline-days", 7, 56),
                        n.integer("min-history-days", 1, 16),
                        n.integer("min-usual-active", 1, 1_000_000),
                        n.number("silent-share", 0.01, 0.99),
                        n.integer("min-affected", 1, 1_000_000),
                        n.number("min-sigmas", 0, 20),
                        n.number("fault-factor", 1, 100),
                        n.integer("min-faults", 1, 1_000_000),
                        n.integer("recovery-hours", 1, 72),
                        n.text("action"));
        if (incident.minHistoryDays() > incident.baselineDays() * 2 / 7) {
            throw new ConfigException(
                    n.key("min-history-days")
                            + " must be at most the weekend days among baseline-days ("
                            + incident.baselineDays() * 2 / 7
                            + ")");
        }
        n.close();
        return incident;
    }

    private static void requireAbove(double value, double other, String key, String otherKey) {
        if (!(value > other)) {
            throw new ConfigException(key + " must be above " + otherKey);
        }
    }
}
