package io.pulse.scoring.engine;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.KeyAccountSize;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.ModelScore;
import io.pulse.schema.Route;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.alerts.AlertFactory;
import io.pulse.scoring.churn.ChurnBand;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RecentEventIds;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Comparator;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.HOUR;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.dataSession;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.payment;
import static io.pulse.scoring.TestEvents.planChange;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.status;
import static io.pulse.scoring.TestEvents.survey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SubscriberScorerTest {
    private static final String SUB = "sub-1";
    private final ScoringConfig config = shippedConfig();
    private final SubscriberScorer scorer = new SubscriberScorer(config, shippedModels());
    private final SealedDays history = new SealedDays();
    private SubscriberState state;
    private SubscriberProfile profile;
    private ScoreUpdate lastScore;

    private Outcome send(SubscriberEvent event) {
        Outcome outcome = scorer.onEvent(SUB, state, profile, event, history, 0L);
        if (outcome.rejectionReason() == null && !outcome.duplicate()) {
            state = outcome.state();
        }
        if (outcome.score() != null) {
            lastScore = outcome.score();
        }
        return outcome;
    }

    private Outcome fire(long timestamp) {
        Outcome outcome = scorer.onTimer(SUB, state, profile, timestamp, 0L);
        state = outcome.state();
        return outcome;
    }

    @Test
    void everyScoreCarriesEachModelTheCombinedProbabilityAndItsReasons() {
        // ten outgoing local calls of 10 minutes on the first day: 100 local minutes
        SubscriberScorer everyScore =
                new SubscriberScorer(TestEvents.everyScoreConfig(), shippedModels());
        ScoreUpdate score = null;
        for (int i = 0; i < 10; i++) {
            Outcome outcome =
                    everyScore.onEvent(
                            SUB,
                            state,
                            profile,
                            outgoingCall("c" + i, SUB, at(0, 9) + i * 60_000, CallScope.LOCAL, 600),
                            history,
                            0L);
            state = outcome.state();
            score = outcome.score();
        }
        // one observed day, extrapolated from the 7-day minimum to 90 days; local minutes range
        // 0..2700
        double uLocal = 100.0 * 90 / 7 / 2700;
        assertThat(modelScore(score, "consumption").getProbability())
                .isCloseTo(Math.exp(-1.5 * (1.00 * uLocal)), within(1e-12));
        assertThat(modelScore(score, "consumption").getMember()).isFalse();
        assertThat(score.getModelScores())
                .extracting(ModelScore::getModel)
                .containsExactly("boosted", "logistic", "consumption");
        // the shipped configuration: the boosted trees alone, flagged from the band the model
        // file's
        // operating points give for a precision of 0.5
        assertThat(modelScore(score, "boosted").getMember()).isTrue();
        assertThat(modelScore(score, "logistic").getMember()).isFalse();
        assertThat(score.getChurnProbability())
                .isEqualTo(modelScore(score, "boosted").getProbability());
        double band =
                ChurnBand.threshold(TestEvents.shippedConfig().churn().band(), shippedModels());
        assertThat(band).isBetween(0.05, 0.95);
        assertThat(score.getChurnFlagged()).isEqualTo(score.getChurnProbability() >= band);
        assertThat(score.getModelVersion()).isEqualTo("sim-2026.12-2");
        assertThat(score.getReasons())
                .isNotEmpty()
                .allSatisfy(
                        r -> {
                            assertThat(r.getContribution()).isPositive();
                            assertThat(r.getCause()).isNotNull();
                            assertThat(r.getText()).contains("typical subscriber");
                        });
        assertThat(score.getReasons())
                .extracting(r -> r.getContribution())
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(score.getChurnCause()).isEqualTo(score.getReasons().get(0).getCause());
    }

    /**
     * The subscriber a new user feeds by hand: five local calls a day, a message and a data
     * session, every bill paid, no rated charge on any call and never a call at night. It is no
     * churn risk, and its reasons never cite the charges its events do not carry.
     */
    @Test
    void aSteadySubscriberFedByHandWithoutChargesIsNoChurnRisk() {
        profile = profile(SUB, Segment.MASS, DAY_0);
        double band = ChurnBand.threshold(config.churn().band(), shippedModels());
        for (int day = 0; day < 90; day++) {
            for (int call = 0; call < 5; call++) {
                send(
                        outgoingCall(
                                "c" + day + "-" + call,
                                SUB,
                                at(day, 9 + 2 * call),
                                CallScope.LOCAL,
                                180));
            }
            send(sms("m" + day, SUB, at(day, 19)));
            send(dataSession("d" + day, SUB, at(day, 20), 40_000_000L));
            if (day % 30 == 0) {
                send(bill("b" + day, SUB, at(day, 6), 5_800));
                send(payment("p" + day, SUB, at(day, 7), 5_800));
            }
            Outcome last = send(outgoingCall("e" + day, SUB, at(day, 21), CallScope.LOCAL, 60));
            assertThat(last.alerts())
                    .as("day " + day)
                    .noneMatch(a -> a.getType() == AlertType.CHURN_RISK);
            assertThat(lastScore.getChurnProbability()).as("day " + day).isLessThan(band);
            assertThat(lastScore.getReasons())
                    .extracting(r -> r.getCode())
                    .doesNotContain(
                            "CALL_CHARGES_30D", "CHARGE_PER_MINUTE_30D", "LAST_SURVEY_SCORE");
        }
    }

    /**
     * The same steady subscriber, then two complaints about price and a plan downgrade: the shipped
     * model reads them as signs of leaving for a competitor, and the reasons say so.
     */
    @Test
    void complaintsAboutPriceAndADowngradePointToTheCompetitiveCause() {
        profile = profile(SUB, Segment.MASS, DAY_0);
        for (int day = 0; day < 60; day++) {
            send(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 600));
            send(sms("m" + day, SUB, at(day, 19)));
            if (day % 30 == 0) {
                send(bill("b" + day, SUB, at(day, 6), 5_800));
                send(payment("p" + day, SUB, at(day, 7), 5_800));
            }
        }
        double before = lastScore.getChurnProbability();
        send(complaint("q1", SUB, at(60, 10), ComplaintCategory.PRICE, 2));
        send(complaint("q2", SUB, at(61, 10), ComplaintCategory.PRICE, 3));
        send(planChange("pc", SUB, at(62, 10), ServiceAction.DOWNGRADE, 3_900L));
        send(outgoingCall("c62", SUB, at(62, 12), CallScope.LOCAL, 600));
        assertThat(lastScore.getChurnProbability()).isGreaterThan(before);
        assertThat(lastScore.getReasons())
                .filteredOn(r -> r.getCause() == ChurnCause.COMPETITIVE)
                .extracting(r -> r.getCode())
                .containsAnyOf("PRICE_COMPLAINTS_90D", "DOWNGRADES_90D");
    }

    private static ModelScore modelScore(ScoreUpdate score, String model) {
        return score.getModelScores().stream()
                .filter(m -> m.getModel().equals(model))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRepeatedEventIdCountsOnce() {
        SubscriberEvent call = outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 600);
        send(call);
        Outcome again = send(call);
        assertThat(again.duplicate()).isTrue();
        assertThat(state.getToday().getOutLocalSec()).isEqualTo(600);
    }

    @Test
    void anEventOlderThanTheAllowedLatenessIsRejected() {
        send(outgoingCall("c1", SUB, at(5, 9), CallScope.LOCAL, 600));
        Outcome late = send(outgoingCall("c0", SUB, at(2, 8), CallScope.LOCAL, 600));
        assertThat(late.rejection()).contains("more than 48 h older");
        Outcome inTime = send(outgoingCall("c2", SUB, at(4, 9), CallScope.LOCAL, 60));
        assertThat(inTime.rejection()).isNull();
        assertThat(history.day(Days.epochDay(at(4, 9))).getOutLocalSec()).isEqualTo(60);
        assertThat(state.getMonth1().getOutLocalSec()).isEqualTo(60);
    }

    @Test
    void aFloodOfEventsIsCutAtTheDailyLimitSoStateStaysBounded() {
        int limit = config.state().maxEventsPerDay();
        for (int day = 0; day < 5; day++) {
            for (int i = 0; i < limit; i++) {
                assertThat(send(sms("d" + day + "-" + i, SUB, at(day, 9) + i)).rejectionReason())
                        .isNull();
            }
            Outcome flood = send(sms("d" + day + "-over", SUB, at(day, 10)));
            assertThat(flood.rejectionReason()).isEqualTo("FLOOD");
            assertThat(flood.rejection()).contains(limit + " events on");
            // a late event for an earlier day counts against today as well
            assertThat(send(sms("d" + day + "-late", SUB, at(day, 8) - 1)).rejectionReason())
                    .isEqualTo("FLOOD");
        }
        assertThat(state.getToday().getSmsOut()).isEqualTo(limit);
        // event ids are remembered for the 48 h dedup horizon only: at most three days of the limit
        assertThat(RecentEventIds.size(state)).isLessThanOrEqualTo(3 * limit);
    }

    @Test
    void aStatusChangeArrivingLateDoesNotOverrideANewerOne() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        send(status("s2", SUB, at(4, 9), SubscriberStatus.ACTIVE));
        send(status("s1", SUB, at(3, 9), SubscriberStatus.SUSPENDED));
        assertThat(state.getStatus()).isEqualTo(SubscriberStatus.ACTIVE);
        send(status("s3", SUB, at(5, 9), SubscriberStatus.SUSPENDED));
        assertThat(state.getStatus()).isEqualTo(SubscriberStatus.SUSPENDED);
    }

    @Test
    void aProfileArrivingAfterTheFirstEventsCorrectsTheScore() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 600));
        assertThat(lastScore.getSegment()).isEqualTo(Segment.MASS);
        assertThat(lastScore.getSatisfaction()).isEqualTo(75.0);

        Outcome outcome =
                scorer.onProfile(SUB, state, profile(SUB, Segment.KEY_ACCOUNT, at(-400, 0)), 0L);
        assertThat(outcome.score().getSegment()).isEqualTo(Segment.KEY_ACCOUNT);
        assertThat(outcome.score().getSatisfaction()).isEqualTo(80.0);
        assertThat(outcome.score().getEventTime()).isEqualTo(at(0, 9));
        assertThat(outcome.timerToRegister())
                .as("the key account's 3-day silence")
                .isEqualTo(at(3, 9));
    }

    @Test
    void daysRollIntoMonthsAndExpireAfterTheRetention() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        send(outgoingCall("c2", SUB, at(35, 9), CallScope.LOCAL, 120));
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(60);
        assertThat(state.getMonth1().getOutLocalSec()).isZero();
        assertThat(state.getToday().getOutLocalSec()).isEqualTo(120);
        send(outgoingCall("c3", SUB, at(95, 9), CallScope.LOCAL, 30));
        int day0 = Days.epochDay(at(0, 9));
        int day35 = Days.epochDay(at(35, 9));
        assertThat(history.day(day0)).isNull();
        assertThat(history.day(day35)).as("older than the daily days: in its week").isNull();
        assertThat(history.week(RollingUsage.mondayOf(day35)).getOutLocalSec()).isEqualTo(120);
        // day 35 is 60 days old: its week (days 35..41) has one day in month 3, six in month 2;
        // day 0's week has its Sunday 89 days old, within the retention, and its days 0..5 beyond
        // month 3: day 6 brings a seventh of it
        assertThat(state.getMonth2().getOutLocalSec()).isEqualTo(Math.round(120 * 6 / 7.0));
        assertThat(state.getMonth3().getOutLocalSec())
                .isEqualTo(Math.round(120 / 7.0) + Math.round(60 / 7.0));
        assertThat(history.week(RollingUsage.mondayOf(day0)).getOutLocalSec()).isEqualTo(60);
        assertThat(
                        state.getMonth1().getOutLocalSec()
                                + state.getMonth2().getOutLocalSec()
                                + state.getMonth3().getOutLocalSec()
                                + state.getToday().getOutLocalSec())
                .isEqualTo(30 + 120 + Math.round(60 / 7.0));

        send(outgoingCall("c4", SUB, at(98, 9), CallScope.LOCAL, 30));
        assertThat(history.week(RollingUsage.mondayOf(day0)))
                .as("its Sunday is 92 days old: past the retention")
                .isNull();
    }

    @Test
    void zeroActivityIsRaisedAfterTheSilentDaysAndResolvedByOutgoingActivity() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        long due = at(0, 9) + 7 * DAY;
        assertThat(state.getWakeUpTime()).isEqualTo(due);
        // incoming calls are not the subscriber's own activity: the silence goes on
        Outcome incoming = send(incomingCall("i1", SUB, at(3, 9), 60));
        assertThat(incoming.timerToRegister()).isZero();

        Outcome raised = fire(due);
        assertThat(raised.alerts()).hasSize(1);
        Alert open = raised.alerts().get(0);
        assertThat(open.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getEpisodeStart()).isEqualTo(at(0, 9));
        assertThat(open.getRoute()).isEqualTo(Route.RETENTION_TEAM);
        assertThat(open.getReasons().get(0).getMeasured()).isEqualTo(7.0);
        assertThat(open.getAlertId())
                .isEqualTo(AlertFactory.alertId(SUB, AlertType.ZERO_ACTIVITY, at(0, 9)));

        Outcome resumed = send(sms("s1", SUB, at(9, 12)));
        assertThat(resumed.alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                            assertThat(a.getAlertId()).isEqualTo(open.getAlertId());
                            assertThat(a.getOutcome()).isEqualTo("ACTIVITY_RESUMED");
                        });
        assertThat(state.getEpisodes()).isEmpty();
    }

    @Test
    void aSilenceIsRaisedTheSameWayWhenTheNextRecordArrivesBeforeTheWatermark() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        // the subscriber's next record is processed before the watermark reaches the due time
        Outcome next = send(sms("s1", SUB, at(9, 12)));
        assertThat(next.alerts())
                .extracting(Alert::getStatus)
                .containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        Alert open = next.alerts().get(0);
        assertThat(open.getEventTime()).isEqualTo(at(0, 9) + 7 * DAY);
        assertThat(open.getAlertId())
                .isEqualTo(AlertFactory.alertId(SUB, AlertType.ZERO_ACTIVITY, at(0, 9)));
        assertThat(open.getReasons().get(0).getMeasured()).isEqualTo(7.0);
        // the timer that was armed for the silence finds nothing left to do
        assertThat(fire(at(0, 9) + 7 * DAY).alerts()).isEmpty();
    }

    /**
     * A standard key account's priority follows its size (docs/specification.md, section 4): very
     * large from 10k yuan a month first, ordinary 3-10k next, small ones with business customers.
     */
    @ParameterizedTest
    @CsvSource({"200000, SMALL, 3", "500000, ORDINARY, 2", "1200000, VERY_LARGE, 1"})
    void aStandardKeyAccountsPriorityFollowsItsSize(
            long planFeeMinor, KeyAccountSize size, int priority) {
        profile =
                SubscriberProfile.newBuilder(profile(SUB, Segment.KEY_ACCOUNT, DAY_0))
                        .setKeyAccountClass(KeyAccountClass.STANDARD)
                        .setPlanMonthlyFeeMinor(planFeeMinor)
                        .build();
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        assertThat(lastScore.getKeyAccountSize()).isEqualTo(size);
        Outcome raised = fire(at(0, 9) + 3 * DAY);
        assertThat(raised.alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getKeyAccountSize()).isEqualTo(size);
                            assertThat(a.getPriority()).isEqualTo(priority);
                        });
    }

    @Test
    void onlyKeyAccountsHaveASize() {
        profile = profile(SUB, Segment.MASS, DAY_0);
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        assertThat(lastScore.getKeyAccountSize()).isNull();
    }

    @Test
    void keyAccountsAreAlertedAfterThreeDaysAndRoutedToTheirAccountManager() {
        profile = profile(SUB, Segment.KEY_ACCOUNT, DAY_0);
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        Outcome raised = fire(at(0, 9) + 3 * DAY);
        assertThat(raised.alerts())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getRoute()).isEqualTo(Route.ACCOUNT_MANAGER);
                            assertThat(a.getAssignee()).isEqualTo("am-7");
                            assertThat(a.getPriority()).isEqualTo(1);
                        });
    }

    @Test
    void aTimerMadeStaleByNewActivityReArmsWithoutAlerting() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        Outcome later = send(outgoingCall("c2", SUB, at(2, 9), CallScope.LOCAL, 60));
        assertThat(later.timerToRegister()).as("the armed timer is left to fire").isZero();
        Outcome fired = fire(at(0, 9) + 7 * DAY);
        assertThat(fired.alerts()).isEmpty();
        assertThat(fired.timerToRegister()).isEqualTo(at(2, 9) + 7 * DAY);
    }

    @Test
    void aSuspendedSubscriberIsNotZeroActivityAndSuspensionClosesAnOpenEpisode() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        fire(at(0, 9) + 7 * DAY);
        Outcome suspended = send(status("st1", SUB, at(8, 0), SubscriberStatus.SUSPENDED));
        assertThat(suspended.alerts())
                .singleElement()
                .satisfies(a -> assertThat(a.getOutcome()).isEqualTo("SUSPENDED"));
        assertThat(scorer.onTimer(SUB, state, profile, state.getWakeUpTime(), 0L).alerts())
                .as("no silence alert while suspended")
                .isEmpty();
    }

    @Test
    void aTerminatedSubscriberIsRemovedOnceLateRecordsCanNoLongerArrive() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        Outcome terminated = send(status("st1", SUB, at(1, 0), SubscriberStatus.TERMINATED));
        assertThat(terminated.timerToRegister()).isEqualTo(at(1, 0) + 48 * HOUR);
        assertThat(fire(at(1, 0) + 48 * HOUR).state()).isNull();
    }

    @Test
    void satisfactionFallsWithComplaintsFadesAndIsReAnchoredBySurveys() {
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        assertThat(state.getEmitted().getSatisfaction()).isEqualTo(75.0);
        send(complaint("k1", SUB, at(0, 10), ComplaintCategory.BILLING, 3));
        assertThat(state.getEmitted().getSatisfaction()).isCloseTo(75.0 - (15 + 3), within(1e-9));
        // thirty days later (the half-life) half the penalty is left
        send(outgoingCall("c2", SUB, at(30, 10), CallScope.LOCAL, 60));
        assertThat(state.getEmitted().getSatisfaction()).isCloseTo(75.0 - 9, within(1e-9));
        send(survey("v1", SUB, at(30, 11), 2));
        assertThat(state.getEmitted().getSatisfaction()).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void lifecycleAndTierFollowTheProfile() {
        profile = profile(SUB, Segment.MASS, DAY_0);
        send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
        assertThat(state.getEmitted().getLifecycleStage()).isEqualTo(LifecycleStage.MATURITY);
        profile.setContractEndDate(java.time.LocalDate.ofEpochDay(Days.epochDay(at(40, 0))));
        // 50,000 yuan billed this month: GEM (30k-80k)
        send(io.pulse.scoring.TestEvents.bill("b1", SUB, at(0, 12), 5_000_000L));
        assertThat(state.getEmitted().getLifecycleStage()).isEqualTo(LifecycleStage.DECLINE);
        assertThat(state.getEmitted().getValueTier()).isEqualTo(io.pulse.schema.ValueTier.GEM);
    }
}
