package io.pulse.local.replay;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.ValueTier;
import io.pulse.simulator.Behaviour;
import io.pulse.simulator.Condition;
import io.pulse.simulator.ConditionWindow;
import io.pulse.simulator.Persona;
import io.pulse.simulator.SubscriberTruth;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The replay's figures on a hand-made history whose answers are counted here by hand: 120 days, a
 * 30-day warm-up, a 60-day churn window, a 100-day quiet period.
 *
 * <pre>
 *   subscriber  truth                                  alerts (day opened)
 *   churner-1   leaves day 80 (competitive)            CHURN_RISK 50 (contact), USAGE_DROP 70 (contact)
 *   churner-2   leaves day 100                         CHURN_RISK 95 (contact limit reached: no contact)
 *   churner-3   leaves day 110, GOLD                   none
 *   early       leaves day 20 (in the warm-up)         CHURN_RISK 10
 *   steady-1    stays, steady                          CHURN_RISK 40 (contact)
 *   steady-2    stays, steady                          ARREARS 45 (collections); condition ARREARS 44..60
 *   steady-3    stays, steady                          ZERO_ACTIVITY 70 (contact); condition QUIET_SPELL only
 *   steady-4    stays, steady                          CHURN_RISK 110 (too late to judge)
 *   waverer     stays, wavers days 30..60              USAGE_DROP 50 (contact); condition USAGE_DECLINE 30..60
 *   planted     stays, SILENT from day 35              ZERO_ACTIVITY 42 (contact); condition SILENCE 35..
 *   (steady-1 also has a FRAUD day 50..51 that raised nothing, and early a SILENCE in the warm-up)
 * </pre>
 */
class AlertEvaluationTest {
    private static final long DAY = 86_400_000L;
    private static final long START = 1_767_225_600_000L; // 2026-01-01
    private static final long END = START + 120 * DAY;
    private static final EvaluationSettings SETTINGS =
            new EvaluationSettings(60, 30, 30, 100, 25, 0.3, values());

    private final List<SubscriberTruth> truth =
            List.of(
                    leaver("churner-1", 80),
                    leaver("churner-2", 100),
                    leaver("churner-3", 110),
                    leaver("early", 20),
                    stayer("steady-1", Behaviour.STEADY),
                    stayer("steady-2", Behaviour.STEADY),
                    stayer("steady-3", Behaviour.STEADY),
                    stayer("steady-4", Behaviour.STEADY),
                    new SubscriberTruth(
                            "waverer",
                            Segment.MASS,
                            Persona.ORDINARY,
                            true,
                            Behaviour.STEADY,
                            START,
                            null,
                            null,
                            new SubscriberTruth.Way(
                                    ChurnCause.COMPETITIVE, at(30), at(60), List.of())),
                    new SubscriberTruth(
                            "planted",
                            Segment.MASS,
                            Persona.ORDINARY,
                            true,
                            Behaviour.SILENT,
                            at(35),
                            null,
                            null,
                            null));
    private final List<ConditionWindow> conditions =
            List.of(
                    new ConditionWindow("steady-2", Condition.ARREARS, at(44), at(60)),
                    new ConditionWindow("steady-3", Condition.QUIET_SPELL, at(62), at(72)),
                    new ConditionWindow("waverer", Condition.USAGE_DECLINE, at(30), at(60)),
                    new ConditionWindow("planted", Condition.SILENCE, at(35), ConditionWindow.OPEN),
                    new ConditionWindow("steady-1", Condition.FRAUD, at(50), at(51)),
                    new ConditionWindow("early", Condition.SILENCE, at(5), at(10)));
    private final List<Alert> alerts =
            List.of(
                    open("churner-1", AlertType.CHURN_RISK, 50, Route.RETENTION_TEAM, true),
                    open("churner-1", AlertType.USAGE_DROP, 70, Route.RETENTION_TEAM, true),
                    resolved("churner-1", AlertType.USAGE_DROP, 80),
                    open("churner-2", AlertType.CHURN_RISK, 95, Route.RETENTION_TEAM, false),
                    open("early", AlertType.CHURN_RISK, 10, Route.RETENTION_TEAM, true),
                    open("steady-1", AlertType.CHURN_RISK, 40, Route.RETENTION_TEAM, true),
                    open("steady-2", AlertType.ARREARS, 45, Route.COLLECTIONS, true),
                    open("steady-3", AlertType.ZERO_ACTIVITY, 70, Route.RETENTION_TEAM, true),
                    open("steady-4", AlertType.CHURN_RISK, 110, Route.RETENTION_TEAM, true),
                    open("waverer", AlertType.USAGE_DROP, 50, Route.RETENTION_TEAM, true),
                    open("planted", AlertType.ZERO_ACTIVITY, 42, Route.RETENTION_TEAM, true));

    private final AlertEvaluation.Result result =
            new AlertEvaluation(
                            SETTINGS,
                            START,
                            END,
                            truth,
                            conditions,
                            Map.of("churner-3", ValueTier.GOLD))
                    .evaluate(alerts);

    @Test
    void churnRiskIsJudgedByWhoLeavesWithinTheWindow() {
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);

        // in the window (after day 30): churner-1 (50), churner-2 (95), steady-1 (40), steady-4
        // (110)
        assertThat(risk.opened()).isEqualTo(4);
        // judged: churner-1 (left day 80), churner-2 (left day 100, before the end), steady-1;
        // steady-4 too late
        assertThat(risk.judged()).isEqualTo(3);
        assertThat(risk.precision()).isCloseTo(2.0 / 3, within(1e-12));
        // churners after the warm-up: churner-1, -2, -3; caught within 60 days before leaving:
        // churner-1, -2
        assertThat(risk.recall()).isCloseTo(2.0 / 3, within(1e-12));
        // lead times 30 and 5 days
        assertThat(risk.medianLeadDays()).isCloseTo(17.5, within(1e-12));
        // contacts: churner-1, steady-1, steady-4 (churner-2's alert was beyond the contact limit)
        assertThat(risk.contacts()).isEqualTo(3);
        // caught by a contact: churner-1 only
        assertThat(risk.contactsPerChurnerCaught()).isCloseTo(3.0, within(1e-12));
        // 0.3 * 600 for churner-1 (CRYSTAL), less 3 contacts at 25
        assertThat(risk.value()).isCloseTo(0.3 * 600 - 3 * 25, within(1e-9));
        assertThat(result.overall().churnRiskLeadDays()).containsExactly(5.0, 30.0);
    }

    @Test
    void otherTypesAreJudgedByTheirConditionAsWell() {
        AlertEvaluation.TypeFigures silence = ReplayReport.figures(result, AlertType.ZERO_ACTIVITY);
        assertThat(silence.opened()).isEqualTo(2);
        // planted's silence is real, steady-3 was only in a quiet spell
        assertThat(silence.conditionPrecision()).isEqualTo(0.5);
        // neither left
        assertThat(silence.precision()).isZero();

        AlertEvaluation.TypeFigures drop = ReplayReport.figures(result, AlertType.USAGE_DROP);
        // the waverer's decline is real; churner-1 has no decline in its truth
        assertThat(drop.conditionPrecision()).isEqualTo(0.5);
        assertThat(drop.precision()).isEqualTo(0.5);
        assertThat(drop.recall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(drop.medianLeadDays()).isEqualTo(10.0);

        AlertEvaluation.TypeFigures arrears = ReplayReport.figures(result, AlertType.ARREARS);
        assertThat(arrears.churnType()).isFalse();
        assertThat(arrears.conditionPrecision()).isEqualTo(1.0);
        assertThat(arrears.contacts()).as("collections is no retention contact").isZero();
    }

    @Test
    void conditionsFoundAreTheTypesConditionsOfTheEvaluatedTimeWithAnAlertInThem() {
        AlertEvaluation.TypeFigures silence = ReplayReport.figures(result, AlertType.ZERO_ACTIVITY);
        // planted's silence (day 35 on) found on day 42; early's was in the warm-up
        assertThat(silence.conditionWindows()).isEqualTo(1);
        assertThat(silence.conditionRecall()).isEqualTo(1.0);
        AlertEvaluation.TypeFigures spike = ReplayReport.figures(result, AlertType.USAGE_SPIKE);
        assertThat(spike.conditionWindows()).isEqualTo(1);
        assertThat(spike.conditionRecall()).isZero();
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);
        assertThat(risk.conditionWindows()).as("no condition names CHURN_RISK").isZero();
        assertThat(risk.conditionRecall()).isNaN();
    }

    /**
     * An episode a network incident held is no contact while held; released after the incident (an
     * UPDATED record without it), it is acted on from its release, and a contact then.
     */
    @Test
    void anEpisodeHeldByAnIncidentIsActedOnFromItsReleaseOrNotAtAll() {
        Alert held =
                heldBy(open("held-1", AlertType.ZERO_ACTIVITY, 40, Route.RETENTION_TEAM, false));
        Alert released =
                Alert.newBuilder(held)
                        .setStatus(AlertStatus.UPDATED)
                        .setIncidentId(null)
                        .setContactAllowed(true)
                        .setEventTime(at(42))
                        .build();
        Alert neverReleased =
                heldBy(open("held-2", AlertType.CHURN_RISK, 40, Route.RETENTION_TEAM, false));
        Alert escalated =
                Alert.newBuilder(
                                open("plain", AlertType.USAGE_DROP, 40, Route.RETENTION_TEAM, true))
                        .setStatus(AlertStatus.UPDATED)
                        .setEventTime(at(45))
                        .build();

        List<Alert> actedOn =
                AlertEvaluation.actedOn(
                        List.of(
                                held,
                                neverReleased,
                                open("plain", AlertType.USAGE_DROP, 40, Route.RETENTION_TEAM, true),
                                released,
                                escalated));
        assertThat(actedOn)
                .extracting(a -> a.getSubscriberId() + " " + a.getStatus() + " " + a.getEventTime())
                .containsExactly(
                        "held-1 UPDATED " + at(42),
                        "held-2 OPEN " + at(40),
                        "plain OPEN " + at(40));
        assertThat(actedOn.stream().filter(AlertEvaluation::isRetentionContact))
                .extracting(Alert::getSubscriberId)
                .containsExactly("held-1", "plain");
    }

    private static Alert heldBy(Alert alert) {
        alert.setIncidentId("north@" + at(39));
        return alert;
    }

    @Test
    void overallFiguresCountContactsAgainstChurnersAndTheQuietSteadyStayers() {
        AlertEvaluation.Overall overall = result.overall();

        assertThat(overall.churners()).isEqualTo(3);
        // 90 days of window: three months
        assertThat(overall.churnersPerMonth()).isCloseTo(1.0, within(1e-12));
        // CHURN_RISK 3, USAGE_DROP 2, ZERO_ACTIVITY 2
        assertThat(overall.retentionContacts()).isEqualTo(7);
        assertThat(overall.contactsPerChurner()).isCloseTo(7.0 / 3, within(1e-12));
        // steady stayers: steady-1..4 (the waverer counted only when asked); quiet in the first 100
        // days:
        // steady-2 (ARREARS is no churn alert) and steady-4 (its alert came on day 110)
        assertThat(overall.steadyStayers()).isEqualTo(4);
        assertThat(overall.steadyQuiet()).isEqualTo(0.5);
        assertThat(overall.steadyStayersWithWaverers()).isEqualTo(5);
        assertThat(overall.steadyQuietWithWaverers()).isCloseTo(2.0 / 5, within(1e-12));
        // subscriber-months after the warm-up: 6 stayers 90 days, churners 50 + 70 + 80 days, early
        // none
        assertThat(overall.subscriberMonths())
                .isCloseTo((6 * 90 + 50 + 70 + 80) / 30.0, within(1e-9));
        AlertEvaluation.TypeFigures risk = ReplayReport.figures(result, AlertType.CHURN_RISK);
        assertThat(risk.perThousandPerMonth())
                .isCloseTo(1000 * 4 / overall.subscriberMonths(), within(1e-9));
    }

    private static long at(int day) {
        return START + day * DAY;
    }

    private static SubscriberTruth leaver(String id, int day) {
        return new SubscriberTruth(
                id,
                Segment.MASS,
                Persona.ORDINARY,
                true,
                Behaviour.STEADY,
                START,
                null,
                new SubscriberTruth.Way(ChurnCause.COMPETITIVE, at(day - 30), at(day), List.of()),
                null);
    }

    private static SubscriberTruth stayer(String id, Behaviour behaviour) {
        return new SubscriberTruth(
                id, Segment.MASS, Persona.ORDINARY, true, behaviour, START, null, null, null);
    }

    /**
     * Held out: churner-2 (CHURN_RISK day 35, left day 100: not within 60 days) and steady-1
     * (CHURN_RISK 40, stays); contacted: churner-1 (CHURN_RISK 50, left day 80), steady-3
     * (ZERO_ACTIVITY 45) and the waverer (USAGE_DROP 50). steady-4's day 110 is too late to judge,
     * steady-2's ARREARS no retention alert, churner-1's later USAGE_DROP not its first.
     */
    @Test
    void theUpliftSetsTheChurnOfTheContactedAgainstTheControlGroup() {
        List<Alert> withControlGroup =
                List.of(
                        control(
                                open(
                                        "churner-2",
                                        AlertType.CHURN_RISK,
                                        35,
                                        Route.RETENTION_TEAM,
                                        false)),
                        control(
                                open(
                                        "steady-1",
                                        AlertType.CHURN_RISK,
                                        40,
                                        Route.RETENTION_TEAM,
                                        false)),
                        open("churner-1", AlertType.CHURN_RISK, 50, Route.RETENTION_TEAM, true),
                        open("churner-1", AlertType.USAGE_DROP, 70, Route.RETENTION_TEAM, true),
                        open("steady-3", AlertType.ZERO_ACTIVITY, 45, Route.RETENTION_TEAM, true),
                        open("waverer", AlertType.USAGE_DROP, 50, Route.RETENTION_TEAM, true),
                        open("steady-4", AlertType.CHURN_RISK, 110, Route.RETENTION_TEAM, true),
                        open("steady-2", AlertType.ARREARS, 45, Route.COLLECTIONS, true));
        AlertEvaluation.Uplift uplift =
                new AlertEvaluation(SETTINGS, START, END, truth, conditions, Map.of())
                        .evaluate(withControlGroup)
                        .uplift();
        assertThat(uplift.contacted()).isEqualTo(3);
        assertThat(uplift.contactedLeft()).isEqualTo(1);
        assertThat(uplift.control()).isEqualTo(2);
        assertThat(uplift.controlLeft()).isZero();
        assertThat(uplift.uplift()).isCloseTo(-1.0 / 3, within(1e-12));
        assertThat(uplift.halfWidth95())
                .isCloseTo(1.96 * Math.sqrt((1.0 / 3) * (2.0 / 3) / 3), within(1e-12));
        assertThat(result.uplift().control()).as("no control group").isZero();
        assertThat(result.uplift().uplift()).isNaN();
    }

    private static Alert control(Alert alert) {
        return Alert.newBuilder(alert).setControl(true).build();
    }

    private static Alert open(String id, AlertType type, int day, Route route, boolean contact) {
        return alert(id, type, day, AlertStatus.OPEN, route, contact);
    }

    private static Alert resolved(String id, AlertType type, int day) {
        return alert(id, type, day, AlertStatus.RESOLVED, Route.RETENTION_TEAM, true);
    }

    private static Alert alert(
            String id, AlertType type, int day, AlertStatus status, Route route, boolean contact) {
        return Alert.newBuilder()
                .setAlertId(id + type + day)
                .setType(type)
                .setStatus(status)
                .setSeverity(Severity.MEDIUM)
                .setPriority(4)
                .setSubscriberId(id)
                .setSegment(Segment.MASS)
                .setValueTier(ValueTier.CRYSTAL)
                .setLifecycleStage(LifecycleStage.MATURITY)
                .setChurnProbability(0.1)
                .setSatisfaction(70)
                .setReasons(new ArrayList<>())
                .setRecommendedAction("call")
                .setRoute(route)
                .setContactAllowed(contact)
                .setEpisodeStart(at(day))
                .setEventTime(at(day))
                .setProcessingTime(0)
                .setModelVersion("m")
                .setConfigVersion("c")
                .build();
    }

    private static Map<ValueTier, Double> values() {
        Map<ValueTier, Double> values = new EnumMap<>(ValueTier.class);
        for (ValueTier tier : ValueTier.values()) {
            values.put(tier, 600.0);
        }
        values.put(ValueTier.GOLD, 36_000.0);
        return values;
    }
}
