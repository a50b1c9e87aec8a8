package io.pulse.scoring.alerts;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.pulse.schema.AlertStatus.OPEN;
import static io.pulse.schema.AlertStatus.RESOLVED;
import static io.pulse.schema.AlertStatus.UPDATED;
import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.HOUR;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.dataSession;
import static io.pulse.scoring.TestEvents.droppedCall;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.payment;
import static io.pulse.scoring.TestEvents.planChange;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.ratedCall;
import static io.pulse.scoring.TestEvents.ratedDataSession;
import static io.pulse.scoring.TestEvents.ratedSms;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.status;
import static io.pulse.scoring.TestEvents.survey;
import static io.pulse.scoring.alerts.AlertScenario.SUB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Every alert type of docs/specification.md, section 5 on the job's operator: a scenario that
 * raises it, one just under its threshold that must not, and its resolution. Thresholds are the
 * shipped defaults, the churn band a probability of 0.5 (see {@link
 * AlertScenario#careContactModel()}).
 */
class AlertScenariosTest {
    private final AlertScenario s = newScenario();

    private static AlertScenario newScenario() {
        try {
            return new AlertScenario();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws Exception {
        s.close();
    }

    private static SubscriberProfile keyAccount() {
        return profile(SUB, Segment.KEY_ACCOUNT, DAY_0);
    }

    private static SubscriberProfile keyAccountOnPlan(long monthlyFeeMinor) {
        return SubscriberProfile.newBuilder(keyAccount())
                .setPlanMonthlyFeeMinor(monthlyFeeMinor)
                .build();
    }

    private static SubscriberProfile mass() {
        return profile(SUB, Segment.MASS, DAY_0);
    }

    /**
     * Erratic but ordinary: a local call of 20 to 60 minutes on each day from {@code from} to
     * {@code to}, at 09:00, by a fixed pattern.
     */
    private void erraticCalls(AlertScenario scenario, int from, int to) throws Exception {
        for (int day = from; day <= to; day++) {
            int minutes = 20 + (day * 17) % 41;
            scenario.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, minutes * 60));
        }
    }

    /** A local call of {@code minutes} on each day from {@code from} to {@code to}, at 09:00. */
    private void dailyCalls(int from, int to, int minutes) throws Exception {
        for (int day = from; day <= to; day++) {
            s.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, minutes * 60));
        }
    }

    @Nested
    class ZeroActivity {
        @Test
        void raisedAfterSevenSilentDays() throws Exception {
            s.profile(mass()).event(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(0, 9) + 7 * DAY);
            assertThat(s.alerts(AlertType.ZERO_ACTIVITY))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getReasons().get(0).getMeasured()).isEqualTo(7.0);
                                assertThat(a.getReasons().get(0).getThreshold()).isEqualTo(7.0);
                            });
        }

        @Test
        void notRaisedAMomentBefore() throws Exception {
            s.profile(mass()).event(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(0, 9) + 7 * DAY - 1);
            assertThat(s.alerts(AlertType.ZERO_ACTIVITY)).isEmpty();
        }

        @Test
        void resolvedByOutgoingActivity() throws Exception {
            s.profile(mass()).event(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(8, 0)).event(sms("m1", SUB, at(8, 10)));
            assertThat(s.statuses(AlertType.ZERO_ACTIVITY)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.ZERO_ACTIVITY).get(1).getOutcome())
                    .isEqualTo("ACTIVITY_RESUMED");
        }

        /**
         * A silence that ended with a suspension is closed; after the reactivation the silence
         * counts from it, and a new one is a new episode with an id of its own, so a consumer
         * upserting by alertId does not reopen the closed case.
         */
        @Test
        void aSilenceAfterAReactivationIsANewEpisodeCountedFromIt() throws Exception {
            s.profile(mass()).event(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(8, 0)).event(status("s1", SUB, at(10, 9), SubscriberStatus.SUSPENDED));
            s.event(status("s2", SUB, at(20, 9), SubscriberStatus.ACTIVE));
            s.watermark(at(20, 9) + 7 * DAY - 1);
            assertThat(s.statuses(AlertType.ZERO_ACTIVITY))
                    .as("nothing again before 7 days after the reactivation")
                    .containsExactly(OPEN, RESOLVED);
            s.watermark(at(20, 9) + 7 * DAY);
            List<Alert> alerts = s.alerts(AlertType.ZERO_ACTIVITY);
            assertThat(alerts).extracting(Alert::getStatus).containsExactly(OPEN, RESOLVED, OPEN);
            assertThat(alerts.get(1).getOutcome()).isEqualTo("SUSPENDED");
            assertThat(alerts.get(2).getEpisodeStart()).isEqualTo(at(20, 9));
            assertThat(alerts.get(2).getAlertId()).isNotEqualTo(alerts.get(0).getAlertId());
        }
    }

    @Nested
    class Dormant {
        /** Messages every day (so not ZERO_ACTIVITY) but calls only on day 0. */
        private void messagesOnly(int days) throws Exception {
            s.profile(mass()).event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            for (int day = 1; day <= days; day++) {
                s.event(sms("m" + day, SUB, at(day, 10)));
            }
        }

        @Test
        void raisedAfterAMonthWithoutCalls() throws Exception {
            messagesOnly(30);
            assertThat(s.alerts(AlertType.DORMANT))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
                                assertThat(a.getEventTime()).isEqualTo(at(0, 9) + 30 * DAY);
                                assertThat(a.getEpisodeStart()).isEqualTo(at(0, 9));
                            });
            assertThat(s.alerts(AlertType.ZERO_ACTIVITY)).isEmpty();
        }

        @Test
        void notRaisedOnTheLastDayOfTheMonth() throws Exception {
            messagesOnly(29);
            s.watermark(at(0, 9) + 30 * DAY - 1);
            assertThat(s.alerts(AlertType.DORMANT)).isEmpty();
        }

        @Test
        void escalatedAfterThreeMonthsWithoutCallsOrBillsAndResolvedByACall() throws Exception {
            messagesOnly(91);
            s.event(outgoingCall("c92", SUB, at(92, 9), CallScope.LOCAL, 60));
            assertThat(s.statuses(AlertType.DORMANT)).containsExactly(OPEN, UPDATED, RESOLVED);
            assertThat(s.alerts(AlertType.DORMANT).get(1).getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(s.alerts(AlertType.DORMANT).get(2).getOutcome()).isEqualTo("CALLS_RESUMED");
            assertThat(s.alerts(AlertType.DORMANT))
                    .extracting(Alert::getAlertId)
                    .containsOnly(s.alerts(AlertType.DORMANT).get(0).getAlertId());
        }
    }

    @Nested
    class UsageDrop {
        @Test
        void raisedWhenTheLastMonthFallsBelowHalfOfThePriorAverage() throws Exception {
            s.profile(mass());
            dailyCalls(0, 59, 10);
            dailyCalls(60, 89, 4);
            assertThat(s.alerts(AlertType.USAGE_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getReasons().get(0).getBaseline()).isEqualTo(300.0);
                                assertThat(a.getReasons().get(0).getThreshold()).isEqualTo(150.0);
                                assertThat(a.getReasons().get(0).getMeasured()).isLessThan(150.0);
                            });
        }

        @Test
        void notRaisedJustAboveHalf() throws Exception {
            s.profile(mass());
            dailyCalls(0, 59, 10);
            dailyCalls(60, 89, 6);
            assertThat(s.alerts(AlertType.USAGE_DROP)).isEmpty();
        }

        /**
         * Eight weeks of erratic calls, then two minutes a day (calls moved to a second SIM): the
         * twelfth low day of the last fourteen raises it, long before the 30-day ratio could, with
         * the measure's shortfall as its first reason.
         */
        @Test
        void raisedWithinTwoWeeksWhenOwnCallsCollapseAgainstTheSubscribersOwnRhythm()
                throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            dailyCalls(56, 66, 2);
            assertThat(s.alerts(AlertType.USAGE_DROP)).as("11 low days").isEmpty();
            dailyCalls(67, 68, 2);
            assertThat(s.alerts(AlertType.USAGE_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getEventTime()).isEqualTo(at(68, 9));
                                assertThat(a.getRoute()).isEqualTo(Route.RETENTION_TEAM);
                                Reason first = a.getReasons().get(0);
                                assertThat(first.getCode()).isEqualTo("LOCAL_MINUTES_SHORTFALL");
                                // days 54 and 55 (36 and 53 minutes), then twelve of 2
                                assertThat(first.getMeasured()).isEqualTo(113.0);
                                assertThat(first.getBaseline()).isGreaterThan(400.0);
                                assertThat(first.getText())
                                        .startsWith(
                                                "Local call minutes in the last 14 days 113, usually ")
                                        .endsWith("; low on 12 of them");
                            });
        }

        /**
         * Two weeks without an outgoing call, message or data session, though calls still come in:
         * ZERO_ACTIVITY's case, and no USAGE_DROP beside it, nor on the day the subscriber is back.
         */
        @Test
        void aSilenceIsZeroActivitysCaseAndNoUsageDrop() throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            for (int day = 56; day <= 69; day++) {
                s.event(incomingCall("in" + day, SUB, at(day, 12), 120));
            }
            erraticCalls(s, 70, 72);
            assertThat(s.statuses(AlertType.ZERO_ACTIVITY)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.USAGE_DROP)).isEmpty();
        }

        /**
         * The 30-day ratio falls below half while the line is silent: the silence is alerted
         * already, so USAGE_DROP waits; the subscriber back, the month that fell is its case.
         */
        @Test
        void theRatioWaitsWhileTheSilenceIsAlerted() throws Exception {
            s.profile(mass());
            dailyCalls(0, 59, 10);
            for (int day = 60; day <= 99; day++) {
                s.event(incomingCall("in" + day, SUB, at(day, 12), 120));
            }
            assertThat(s.statuses(AlertType.ZERO_ACTIVITY)).containsExactly(OPEN);
            assertThat(s.alerts(AlertType.USAGE_DROP)).isEmpty();
            s.event(outgoingCall("back", SUB, at(100, 9), CallScope.LOCAL, 60));
            assertThat(s.statuses(AlertType.ZERO_ACTIVITY)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.USAGE_DROP))
                    .singleElement()
                    .satisfies(a -> assertThat(a.getEventTime()).isEqualTo(at(100, 9)));
        }

        @Test
        void aQuietWeekIsNoDrop() throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            dailyCalls(56, 62, 2);
            erraticCalls(s, 63, 80);
            assertThat(s.alerts(AlertType.USAGE_DROP)).isEmpty();
        }

        /** Two minutes less a day of a light caller is many spreads, but no material shortfall. */
        @Test
        void aLightCallersSmallerDaysAreNoDrop() throws Exception {
            s.profile(mass());
            dailyCalls(0, 55, 8);
            dailyCalls(56, 75, 1);
            assertThat(s.alerts(AlertType.USAGE_DROP)).isEmpty();
        }

        @Test
        void aSegmentWithLowDaysOfItsOwnIsJudgedByThem() throws Exception {
            try (AlertScenario keyAccounts =
                    new AlertScenario(
                            AlertScenario.testConfigWith(
                                    "# low-days-by-segment: {KEY_ACCOUNT: 10}",
                                    "low-days-by-segment: {KEY_ACCOUNT: 10}"))) {
                keyAccounts.profile(keyAccount());
                erraticCalls(keyAccounts, 0, 55);
                for (int day = 56; day <= 66; day++) {
                    keyAccounts.event(
                            outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 120));
                }
                assertThat(keyAccounts.alerts(AlertType.USAGE_DROP))
                        .singleElement()
                        .satisfies(a -> assertThat(a.getEventTime()).isEqualTo(at(66, 9)));
            }
        }

        @Test
        void resolvedWhenTheCallsComeBack() throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            dailyCalls(56, 70, 2);
            erraticCalls(s, 71, 90);
            assertThat(s.statuses(AlertType.USAGE_DROP)).containsExactly(OPEN, RESOLVED);
            Alert resolved = s.alerts(AlertType.USAGE_DROP).get(1);
            assertThat(resolved.getOutcome()).isEqualTo("USAGE_RECOVERED");
            // resolved once the calls were back on more than half of the last fourteen days
            assertThat(resolved.getEventTime()).isBetween(at(76, 0), at(80, 0));
        }

        @Test
        void resolvedOnlyWhenUsageRecoversPastTheClearingShare() throws Exception {
            s.profile(mass());
            dailyCalls(0, 59, 10);
            dailyCalls(60, 89, 4);
            dailyCalls(90, 130, 12);
            assertThat(s.statuses(AlertType.USAGE_DROP)).containsExactly(OPEN, RESOLVED);
            Alert resolved = s.alerts(AlertType.USAGE_DROP).get(1);
            assertThat(resolved.getOutcome()).isEqualTo("USAGE_RECOVERED");
            double measured = resolved.getReasons().get(0).getMeasured();
            double baseline = resolved.getReasons().get(0).getBaseline();
            assertThat(measured / baseline).isGreaterThanOrEqualTo(0.6);
        }
    }

    @Nested
    class SpendDrop {
        private void spend(int from, int to, long fenPerDay) throws Exception {
            for (int day = from; day <= to; day++) {
                s.event(ratedCall("c" + day, SUB, at(day, 9), 300, fenPerDay));
            }
        }

        @Test
        void raisedForAKeyAccountWhoseCallSpendFallsAFifth() throws Exception {
            s.profile(keyAccount());
            spend(0, 59, 1000);
            spend(60, 89, 700);
            assertThat(s.alerts(AlertType.SPEND_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getRoute()).isEqualTo(Route.ACCOUNT_MANAGER);
                                assertThat(a.getAssignee()).isEqualTo("am-7");
                                Reason calls = a.getReasons().get(0);
                                assertThat(calls.getCode()).isEqualTo("CALL_SPEND_DROP");
                                // in yuan, against the reference month: 30 days at 10 yuan a day
                                assertThat(calls.getBaseline()).isEqualTo(300.0);
                                assertThat(calls.getThreshold()).isCloseTo(240.0, within(1e-9));
                                assertThat(calls.getMeasured())
                                        .isLessThanOrEqualTo(calls.getThreshold())
                                        .isGreaterThan(200.0);
                                assertThat(calls.getText())
                                        .contains("against 300.00 in the reference month");
                                assertThat(a.getReasons())
                                        .as("no bill to compare: no bill reason")
                                        .hasSize(1);
                            });
        }

        @Test
        void notRaisedForADropUnderAFifthOrForOtherSegments() throws Exception {
            s.profile(keyAccount());
            spend(0, 59, 1000);
            spend(60, 89, 850);
            assertThat(s.alerts(AlertType.SPEND_DROP)).isEmpty();

            try (AlertScenario mass = new AlertScenario()) {
                mass.profile(mass());
                for (int day = 0; day <= 89; day++) {
                    mass.event(ratedCall("c" + day, SUB, at(day, 9), 300, day < 60 ? 1000 : 500));
                }
                assertThat(mass.alerts(AlertType.SPEND_DROP)).isEmpty();
            }
        }

        @Test
        void raisedBySmsSpendAloneWithItsOwnEvidenceFirst() throws Exception {
            s.profile(keyAccount());
            for (int day = 0; day <= 89; day++) {
                s.event(ratedCall("c" + day, SUB, at(day, 9), 300, 1000));
                s.event(ratedSms("m" + day, SUB, at(day, 10), day < 60 ? 500 : 300));
            }
            assertThat(s.alerts(AlertType.SPEND_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                Reason first = a.getReasons().get(0);
                                assertThat(first.getCode()).isEqualTo("SMS_SPEND_DROP");
                                assertThat(first.getBaseline()).isEqualTo(150.0);
                                assertThat(first.getThreshold()).isCloseTo(120.0, within(1e-9));
                                assertThat(first.getText()).startsWith("SMS spend ");
                                assertThat(a.getReasons())
                                        .extracting(Reason::getCode)
                                        .contains("CALL_SPEND_DROP");
                            });
        }

        @Test
        void raisedByDataSpend() throws Exception {
            s.profile(keyAccount());
            for (int day = 0; day <= 89; day++) {
                s.event(ratedCall("c" + day, SUB, at(day, 9), 300, 1000));
                s.event(
                        ratedDataSession(
                                "d" + day, SUB, at(day, 11), 50_000_000, day < 60 ? 800 : 600));
            }
            assertThat(s.alerts(AlertType.SPEND_DROP))
                    .singleElement()
                    .satisfies(
                            a ->
                                    assertThat(a.getReasons().get(0).getCode())
                                            .isEqualTo("DATA_SPEND_DROP"));
        }

        @Test
        void raisedWhenAValueAddedServiceGoesAndResolvedAMonthLater() throws Exception {
            s.profile(keyAccount());
            s.event(service("v1", SUB, at(0, 8), "CUG", ServiceAction.SUBSCRIBE, 20_000L));
            s.event(service("v2", SUB, at(0, 8), "SMS_PACK", ServiceAction.SUBSCRIBE, 15_000L));
            spend(0, 69, 1000);
            assertThat(s.alerts(AlertType.SPEND_DROP)).isEmpty();
            s.event(service("v3", SUB, at(70, 8), "CUG", ServiceAction.CANCEL, null));
            spend(70, 110, 1000);
            assertThat(s.statuses(AlertType.SPEND_DROP)).containsExactly(OPEN, RESOLVED);
            Alert open = s.alerts(AlertType.SPEND_DROP).get(0);
            assertThat(open.getEventTime()).isEqualTo(at(70, 8));
            Reason fees = open.getReasons().get(0);
            assertThat(fees.getCode()).isEqualTo("SERVICE_FEES_DROP");
            assertThat(fees.getMeasured()).isEqualTo(150.0);
            assertThat(fees.getBaseline()).isEqualTo(350.0);
            // the reference month moves past the cancellation: 150 against 150
            assertThat(s.alerts(AlertType.SPEND_DROP).get(1).getEventTime()).isEqualTo(at(100, 9));
        }

        @Test
        void raisedByAPlanDowngradeOfAFifthNotByASmallerOne() throws Exception {
            SubscriberProfile dearPlan = keyAccountOnPlan(50_000);
            s.profile(dearPlan);
            spend(0, 69, 1000);
            s.event(planChange("p1", SUB, at(70, 8), ServiceAction.DOWNGRADE, 35_000L));
            spend(70, 75, 1000);
            assertThat(s.alerts(AlertType.SPEND_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                Reason plan = a.getReasons().get(0);
                                assertThat(plan.getCode()).isEqualTo("PLAN_FEE_DROP");
                                assertThat(plan.getMeasured()).isEqualTo(350.0);
                                assertThat(plan.getBaseline()).isEqualTo(500.0);
                                assertThat(plan.getText())
                                        .isEqualTo(
                                                "Plan fee 350.00 yuan a month now, -30% against 500.00 30 days ago (alert from -20%)");
                            });

            try (AlertScenario small = new AlertScenario()) {
                small.profile(dearPlan);
                for (int day = 0; day <= 75; day++) {
                    if (day == 70) {
                        small.event(
                                planChange("p1", SUB, at(70, 8), ServiceAction.DOWNGRADE, 42_000L));
                    }
                    small.event(ratedCall("c" + day, SUB, at(day, 9), 300, 1000));
                }
                assertThat(small.alerts(AlertType.SPEND_DROP)).isEmpty();
            }
        }

        /** A feed whose PLAN_CHANGE carries no fee: the profile the CRM sends after it tells. */
        @Test
        void aDowngradeWithoutAFeeIsJudgedOnTheProfileThatFollows() throws Exception {
            SubscriberProfile dearPlan = keyAccountOnPlan(50_000);
            s.profile(dearPlan);
            spend(0, 69, 1000);
            s.event(planChange("p1", SUB, at(70, 8), ServiceAction.DOWNGRADE, null));
            spend(70, 70, 1000);
            assertThat(s.alerts(AlertType.SPEND_DROP)).isEmpty();
            s.profile(
                    SubscriberProfile.newBuilder(dearPlan)
                            .setPlanMonthlyFeeMinor(30_000)
                            .setUpdatedAt(at(70, 20))
                            .build());
            spend(71, 72, 1000);
            assertThat(s.alerts(AlertType.SPEND_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getReasons().get(0).getCode())
                                        .isEqualTo("PLAN_FEE_DROP");
                                assertThat(a.getReasons().get(0).getBaseline()).isEqualTo(500.0);
                            });
        }

        @Test
        void resolvedWhenSpendIsBack() throws Exception {
            s.profile(keyAccount());
            spend(0, 59, 1000);
            spend(60, 89, 700);
            spend(90, 150, 1000);
            assertThat(s.statuses(AlertType.SPEND_DROP)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.SPEND_DROP).get(1).getOutcome())
                    .isEqualTo("SPEND_RECOVERED");
        }
    }

    @Nested
    class ChurnRisk {
        private void careContacts(int count, int day) throws Exception {
            for (int i = 0; i < count; i++) {
                s.event(careContact("cc" + day + "-" + i, SUB, at(day, 10) + i * HOUR));
            }
        }

        @Test
        void raisedWhenTheCombinedProbabilityReachesTheThreshold() throws Exception {
            s.profile(mass()).event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            careContacts(5, 1);
            assertThat(s.alerts(AlertType.CHURN_RISK))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
                                assertThat(a.getChurnProbability()).isCloseTo(0.9, within(1e-12));
                                assertThat(a.getReasons().get(0).getCode())
                                        .isEqualTo("CHURN_PROBABILITY");
                                assertThat(a.getReasons().get(1).getCode())
                                        .isEqualTo("CARE_CONTACTS_30D");
                                assertThat(a.getChurnCause()).isNotNull();
                            });
        }

        @Test
        void notRaisedJustUnder() throws Exception {
            s.profile(mass()).event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            careContacts(4, 1);
            assertThat(s.alerts(AlertType.CHURN_RISK)).isEmpty();
        }

        @Test
        void holdsInTheHysteresisBandAndResolvesBelowIt() throws Exception {
            s.profile(mass()).event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            careContacts(1, 1);
            careContacts(4, 2);
            assertThat(s.statuses(AlertType.CHURN_RISK)).containsExactly(OPEN);
            // day 1's contact leaves the 30 days: 4 left, probability 0.45, between 0.4 and 0.5
            s.event(outgoingCall("c31", SUB, at(31, 9), CallScope.LOCAL, 60));
            assertThat(s.statuses(AlertType.CHURN_RISK)).containsExactly(OPEN);
            // day 2's leave too: probability 0.1
            s.event(outgoingCall("c32", SUB, at(32, 9), CallScope.LOCAL, 60));
            assertThat(s.statuses(AlertType.CHURN_RISK)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.CHURN_RISK).get(1).getOutcome()).isEqualTo("RISK_FELL");
        }

        /**
         * The model's reasons and the anomaly attribution of the same moment: today's calls to
         * customer service far above the usual none, and the calls that collapsed two weeks ago.
         */
        @Test
        void carriesTheModelsReasonsAndTheAnomalyAttributionOfTheSameMoment() throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            dailyCalls(56, 69, 2);
            careContacts(5, 70);
            Alert risk =
                    s.alerts(AlertType.CHURN_RISK).stream()
                            .filter(a -> a.getStatus() == OPEN)
                            .findFirst()
                            .orElseThrow();
            assertThat(risk.getReasons())
                    .extracting(Reason::getCode)
                    .containsSubsequence(
                            "CHURN_PROBABILITY",
                            "CARE_CONTACTS_30D",
                            "CARE_CONTACTS_ABOVE_USUAL",
                            "LOCAL_MINUTES_SHORTFALL");
            Reason today =
                    risk.getReasons().stream()
                            .filter(r -> r.getCode().equals("CARE_CONTACTS_ABOVE_USUAL"))
                            .findFirst()
                            .orElseThrow();
            assertThat(today.getText())
                    .startsWith("calls to customer service today 5, usually 0 (");
        }

        /** Calls as erratic as ever: only the calls to customer service are unusual. */
        @Test
        void itsAnomalyReasonsNameOnlyWhatIsUnusual() throws Exception {
            s.profile(mass());
            erraticCalls(s, 0, 55);
            careContacts(5, 56);
            Alert risk = s.alerts(AlertType.CHURN_RISK).get(0);
            assertThat(risk.getReasons())
                    .extracting(Reason::getCode)
                    .filteredOn(
                            code -> code.endsWith("_ABOVE_USUAL") || code.endsWith("_SHORTFALL"))
                    .containsExactly("CARE_CONTACTS_ABOVE_USUAL");
        }

        @Test
        void waitsUntilTheJobHasSeenTheSubscriberForTheShippedMinimumOfDays() throws Exception {
            try (AlertScenario young = new AlertScenario(AlertScenario.testConfig(28))) {
                young.profile(mass()).event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
                for (int i = 0; i < 5; i++) {
                    young.event(careContact("cc" + i, SUB, at(10, 10) + i * HOUR));
                }
                // probability 0.9 on day 11 of 28, and still on day 27
                young.event(outgoingCall("c26", SUB, at(26, 9), CallScope.LOCAL, 60));
                assertThat(young.alerts(AlertType.CHURN_RISK)).isEmpty();
                // day 28: the five contacts are still within 30 days
                young.event(outgoingCall("c27", SUB, at(27, 9), CallScope.LOCAL, 60));
                assertThat(young.alerts(AlertType.CHURN_RISK))
                        .singleElement()
                        .satisfies(
                                a -> {
                                    assertThat(a.getStatus()).isEqualTo(OPEN);
                                    assertThat(a.getChurnProbability())
                                            .isCloseTo(0.9, within(1e-12));
                                });
            }
        }
    }

    @Nested
    class SatisfactionDrop {
        @Test
        void raisedBelowTheThresholdAndRoutedToTheCareCentre() throws Exception {
            s.profile(mass());
            s.event(complaint("p1", SUB, at(0, 9), ComplaintCategory.NETWORK, 3));
            s.event(complaint("p2", SUB, at(0, 10), ComplaintCategory.NETWORK, 3));
            assertThat(s.alerts(AlertType.SATISFACTION_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getRoute()).isEqualTo(Route.CARE_CENTRE);
                                assertThat(a.getReasons().get(0).getMeasured()).isLessThan(60.0);
                                assertThat(a.getRecommendedAction()).contains("Live agent");
                            });
        }

        @Test
        void raisedByAServiceAttitudeComplaintForALiveAgentAndClearedAMonthOn() throws Exception {
            s.profile(mass());
            s.event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.event(complaint("p1", SUB, at(1, 9), ComplaintCategory.SERVICE_ATTITUDE, 1));
            assertThat(s.alerts(AlertType.SATISFACTION_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getRoute()).isEqualTo(Route.CARE_CENTRE);
                                assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
                                assertThat(a.getReasons().get(0).getCode())
                                        .isEqualTo("SERVICE_ATTITUDE_COMPLAINT");
                                assertThat(a.getReasons().get(0).getText())
                                        .isEqualTo(
                                                "1 complaint about service attitude in the last 30 days");
                                assertThat(a.getRecommendedAction()).contains("Live agent");
                            });
            for (int day = 2; day <= 40; day++) {
                s.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 60));
            }
            assertThat(s.statuses(AlertType.SATISFACTION_DROP)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.SATISFACTION_DROP).get(1).getEventTime())
                    .isGreaterThanOrEqualTo(at(31, 0));
        }

        @Test
        void aComplaintOfAnotherCategoryAtTheSameSeverityRaisesNothing() throws Exception {
            s.profile(mass());
            s.event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.event(complaint("p1", SUB, at(1, 9), ComplaintCategory.SLOW_RESPONSE, 1));
            assertThat(s.alerts(AlertType.SATISFACTION_DROP)).isEmpty();
        }

        @Test
        void notRaisedAtTheThreshold() throws Exception {
            s.profile(mass());
            s.event(complaint("p1", SUB, at(0, 9), ComplaintCategory.NETWORK, 3));
            assertThat(s.alerts(AlertType.SATISFACTION_DROP)).isEmpty();
        }

        /** Four of six calls dropped today, where none ever were: before any complaint. */
        @Test
        void raisedByABurstOfDroppedCallsAgainstTheSubscribersOwnShare() throws Exception {
            s.profile(mass());
            for (int day = 0; day <= 27; day++) {
                for (int i = 0; i < 3; i++) {
                    s.event(
                            outgoingCall(
                                    "c" + day + "-" + i,
                                    SUB,
                                    at(day, 9 + i),
                                    CallScope.LOCAL,
                                    120));
                }
            }
            for (int i = 0; i < 6; i++) {
                s.event(
                        i < 4
                                ? droppedCall("d" + i, SUB, at(28, 9 + i), 30)
                                : outgoingCall("k" + i, SUB, at(28, 9 + i), CallScope.LOCAL, 120));
            }
            assertThat(s.alerts(AlertType.SATISFACTION_DROP))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getRoute()).isEqualTo(Route.CARE_CENTRE);
                                assertThat(a.getEventTime()).isEqualTo(at(28, 11));
                                Reason first = a.getReasons().get(0);
                                assertThat(first.getCode()).isEqualTo("DROPPED_CALL_BURST");
                                assertThat(first.getText())
                                        .startsWith(
                                                "share of calls dropped today 100%, usually 0% (");
                                // satisfaction itself is still well above the threshold
                                assertThat(a.getSatisfaction()).isGreaterThan(70.0);
                            });
        }

        /**
         * The day's good calls bring the share back down after the burst: the episode stays open
         * for the rest of that day, so the order calls arrive in cannot open and resolve it twice.
         */
        @Test
        void aBurstHoldsItsEpisodeUntilItsDayEnds() throws Exception {
            s.profile(mass());
            dailyCalls(0, 27, 3);
            for (int i = 0; i < 3; i++) {
                s.event(droppedCall("d" + i, SUB, at(28, 8 + i), 30));
            }
            for (int i = 0; i < 60; i++) {
                s.event(outgoingCall("k" + i, SUB, at(28, 11) + i * 60_000L, CallScope.LOCAL, 120));
            }
            assertThat(s.statuses(AlertType.SATISFACTION_DROP)).containsExactly(OPEN);
            s.event(outgoingCall("n1", SUB, at(29, 9), CallScope.LOCAL, 120));
            assertThat(s.statuses(AlertType.SATISFACTION_DROP)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.SATISFACTION_DROP).get(1).getEventTime())
                    .isEqualTo(at(29, 9));
        }

        @Test
        void twoDroppedCallsAreNoBurst() throws Exception {
            s.profile(mass());
            dailyCalls(0, 27, 10);
            s.event(droppedCall("d1", SUB, at(28, 9), 30));
            s.event(droppedCall("d2", SUB, at(28, 10), 30));
            assertThat(s.alerts(AlertType.SATISFACTION_DROP)).isEmpty();
        }

        @Test
        void raisedByADissatisfiedAnswerAndResolvedByASatisfiedOne() throws Exception {
            s.profile(mass());
            s.event(survey("q1", SUB, at(0, 9), 2));
            s.event(survey("q2", SUB, at(5, 9), 5));
            s.event(survey("q3", SUB, at(6, 9), 5));
            assertThat(s.statuses(AlertType.SATISFACTION_DROP)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.SATISFACTION_DROP).get(1).getOutcome())
                    .isEqualTo("SATISFACTION_RECOVERED");
        }
    }

    @Nested
    class ContractExpiry {
        private SubscriberProfile contractEndingOn(int day) {
            LocalDate end = LocalDate.ofInstant(Instant.ofEpochMilli(at(day, 0)), ZoneOffset.UTC);
            return SubscriberProfile.newBuilder(mass()).setContractEndDate(end).build();
        }

        @Test
        void raisedNinetyDaysBeforeTheContractEnds() throws Exception {
            s.profile(contractEndingOn(100))
                    .event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(10, 0));
            assertThat(s.alerts(AlertType.CONTRACT_EXPIRY))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getEventTime()).isEqualTo(at(10, 0));
                                assertThat(a.getReasons().get(0).getMeasured()).isEqualTo(90.0);
                            });
        }

        @Test
        void notRaisedEarlier() throws Exception {
            s.profile(contractEndingOn(100))
                    .event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(10, 0) - 1);
            assertThat(s.alerts(AlertType.CONTRACT_EXPIRY)).isEmpty();
        }

        @Test
        void aWindowThatOpensAndEndsWhileTheSubscriberIsQuietRaisesOneEpisode() throws Exception {
            s.profile(contractEndingOn(100))
                    .event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(120, 0))
                    .event(sms("m120", SUB, at(120, 9)))
                    .event(sms("m121", SUB, at(121, 9)));
            assertThat(s.statuses(AlertType.CONTRACT_EXPIRY)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.CONTRACT_EXPIRY))
                    .extracting(Alert::getEventTime)
                    .containsExactly(at(10, 0), at(100, 0));
        }

        @Test
        void resolvedByARenewalOrTheEndOfTheContract() throws Exception {
            s.profile(contractEndingOn(100))
                    .event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
            s.watermark(at(10, 0));
            s.profile(contractEndingOn(465))
                    .event(outgoingCall("c20", SUB, at(20, 9), CallScope.LOCAL, 60));
            assertThat(s.statuses(AlertType.CONTRACT_EXPIRY)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.CONTRACT_EXPIRY).get(1).getOutcome())
                    .isEqualTo("RENEWED");

            try (AlertScenario ending = new AlertScenario()) {
                ending.profile(contractEndingOn(100))
                        .event(outgoingCall("c0", SUB, at(0, 9), CallScope.LOCAL, 60));
                for (int day = 1; day <= 100; day++) {
                    ending.event(sms("m" + day, SUB, at(day, 9)));
                }
                assertThat(ending.statuses(AlertType.CONTRACT_EXPIRY))
                        .containsExactly(OPEN, RESOLVED);
                assertThat(ending.alerts(AlertType.CONTRACT_EXPIRY).get(1).getOutcome())
                        .isEqualTo("CONTRACT_ENDED");
            }
        }
    }

    @Nested
    class Arrears {
        /** Suspended with bills overdue is suspended for arrears: a collections case at once. */
        @Test
        void aKeyAccountsArrearsGoToCollectionsAndItsManagerIsTold() throws Exception {
            s.profile(keyAccount()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(25, 0));
            assertThat(s.alerts(AlertType.ARREARS))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getRoute()).isEqualTo(Route.COLLECTIONS);
                                assertThat(a.getAssignee()).isEqualTo("am-7");
                            });
        }

        @Test
        void aSuspensionWithBillsOverdueEscalatesToCollections() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(25, 0));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN);
            s.event(status("s1", SUB, at(30, 9), SubscriberStatus.SUSPENDED));
            assertThat(s.alerts(AlertType.ARREARS))
                    .extracting(Alert::getStatus, Alert::getSeverity)
                    .containsExactly(tuple(OPEN, Severity.MEDIUM), tuple(UPDATED, Severity.HIGH));
            assertThat(s.alerts(AlertType.ARREARS).get(1).getReasons().get(0).getCode())
                    .isEqualTo("SUSPENDED_WITH_ARREARS");
        }

        @Test
        void aSuspensionWithNothingOwedRaisesNoArrears() throws Exception {
            s.profile(mass())
                    .event(bill("b1", SUB, at(0, 9), 5_800))
                    .event(payment("p1", SUB, at(5, 9), 5_800));
            s.event(status("s1", SUB, at(30, 9), SubscriberStatus.SUSPENDED));
            assertThat(s.alerts(AlertType.ARREARS)).isEmpty();
        }

        @Test
        void raisedWhenABillIsPastItsDueDateAndEscalatedAfterTwoMonths() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(20, 9));
            assertThat(s.alerts(AlertType.ARREARS))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getRoute()).isEqualTo(Route.COLLECTIONS);
                                assertThat(a.getEpisodeStart()).isEqualTo(at(20, 9));
                                assertThat(a.getContactAllowed()).isTrue();
                            });
            s.watermark(at(80, 9));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN, UPDATED);
            assertThat(s.alerts(AlertType.ARREARS).get(1).getSeverity()).isEqualTo(Severity.HIGH);
        }

        @Test
        void notRaisedBeforeTheDueDate() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(20, 9) - 1);
            assertThat(s.alerts(AlertType.ARREARS)).isEmpty();
        }

        @Test
        void resolvedByPayment() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(25, 0)).event(payment("pay1", SUB, at(25, 9), 5_800));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.ARREARS).get(1).getOutcome()).isEqualTo("PAID");
        }
    }

    @Nested
    class BillShock {
        private void usualBills() throws Exception {
            s.profile(mass());
            s.event(bill("b0", SUB, at(0, 9), 14_000)).event(payment("p0", SUB, at(1, 9), 14_000));
            s.event(bill("b30", SUB, at(30, 9), 14_000))
                    .event(payment("p30", SUB, at(31, 9), 14_000));
        }

        @Test
        void raisedForABillOverTwiceTheUsualOne() throws Exception {
            usualBills();
            s.event(bill("b60", SUB, at(60, 9), 200_000));
            assertThat(s.alerts(AlertType.BILL_SHOCK))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
                                assertThat(a.getReasons().get(0).getMeasured()).isEqualTo(2000.0);
                                assertThat(a.getReasons().get(0).getBaseline()).isEqualTo(140.0);
                                assertThat(a.getReasons().get(0).getThreshold()).isEqualTo(280.0);
                            });
        }

        @Test
        void notRaisedJustUnderTwice() throws Exception {
            usualBills();
            s.event(bill("b60", SUB, at(60, 9), 27_900));
            assertThat(s.alerts(AlertType.BILL_SHOCK)).isEmpty();
        }

        @Test
        void resolvedByTheNextNormalBill() throws Exception {
            usualBills();
            s.event(bill("b60", SUB, at(60, 9), 30_000))
                    .event(payment("p60", SUB, at(61, 9), 30_000));
            s.event(bill("b90", SUB, at(90, 9), 14_000));
            assertThat(s.statuses(AlertType.BILL_SHOCK)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.BILL_SHOCK).get(1).getOutcome())
                    .isEqualTo("NEXT_BILL_NORMAL");
        }
    }

    /**
     * The shipped salt puts sub-1 at 0.13 of the hash's range: in a control group of 20%, not in
     * one of 10%.
     */
    @Nested
    class ControlGroupMembers {
        private void silentThenDissatisfied(AlertScenario scenario) throws Exception {
            scenario.profile(mass()).event(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60));
            scenario.watermark(at(0, 9) + 7 * DAY);
            scenario.event(survey("q1", SUB, at(8, 9), 2));
        }

        private AlertScenario oneContactAMonthWithAControlGroupOf(String fraction)
                throws Exception {
            return new AlertScenario(
                    AlertScenario.testConfigWith(
                            "    fraction: 0\n",
                            "    fraction: " + fraction + "\n",
                            "retention-contacts-per-30-days: 2",
                            "retention-contacts-per-30-days: 1"));
        }

        @Test
        void aMembersRetentionAlertsArePublishedButNotToBeActedOn() throws Exception {
            try (AlertScenario members = oneContactAMonthWithAControlGroupOf("0.2")) {
                silentThenDissatisfied(members);
                assertThat(members.alerts(AlertType.ZERO_ACTIVITY))
                        .isNotEmpty()
                        .allSatisfy(
                                a -> {
                                    assertThat(a.getControl()).isTrue();
                                    assertThat(a.getContactAllowed()).isFalse();
                                });
                // the care centre still answers a dissatisfied subscriber: the held-out alert used
                // up no contact, so the one contact of the month is left for it
                assertThat(members.alerts(AlertType.SATISFACTION_DROP))
                        .singleElement()
                        .satisfies(
                                a -> {
                                    assertThat(a.getControl()).isFalse();
                                    assertThat(a.getContactAllowed()).isTrue();
                                });
            }
        }

        @Test
        void aSubscriberOutsideTheGroupIsContactedAsUsual() throws Exception {
            try (AlertScenario others = oneContactAMonthWithAControlGroupOf("0.1")) {
                silentThenDissatisfied(others);
                assertThat(others.alerts(AlertType.ZERO_ACTIVITY))
                        .isNotEmpty()
                        .allSatisfy(
                                a -> {
                                    assertThat(a.getControl()).isFalse();
                                    assertThat(a.getContactAllowed()).isTrue();
                                });
                // the retention call was the month's one contact
                assertThat(others.alerts(AlertType.SATISFACTION_DROP))
                        .singleElement()
                        .satisfies(a -> assertThat(a.getContactAllowed()).isFalse());
            }
        }
    }

    /** Subscribers whose own rhythm is unusual but steady raise nothing of it. */
    @Nested
    class OwnRhythm {
        @Test
        void aFlatSeriesRaisesNothing() throws Exception {
            s.profile(mass());
            for (int day = 0; day < 120; day++) {
                s.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 30 * 60));
                s.event(sms("m" + day, SUB, at(day, 10)));
                s.event(dataSession("d" + day, SUB, at(day, 11), 100_000_000L));
            }
            assertThat(s.alerts()).isEmpty();
        }

        /** Busy on Saturdays and Sundays, silent on the five days between (2026-03-02 a Monday). */
        @Test
        void aWeekendOnlySubscriberRaisesNoAnomalyOrSilence() throws Exception {
            s.profile(mass());
            for (int day = 0; day < 120; day++) {
                if (day % 7 < 5) {
                    continue;
                }
                for (int i = 0; i < 4; i++) {
                    s.event(
                            outgoingCall(
                                    "c" + day + "-" + i,
                                    SUB,
                                    at(day, 9 + i),
                                    CallScope.LOCAL,
                                    30 * 60));
                }
                s.event(dataSession("d" + day, SUB, at(day, 15), 500_000_000L));
            }
            s.watermark(at(120, 0));
            for (AlertType type :
                    List.of(
                            AlertType.USAGE_SPIKE,
                            AlertType.USAGE_DROP,
                            AlertType.ZERO_ACTIVITY,
                            AlertType.DORMANT)) {
                assertThat(s.alerts(type)).as(type.name()).isEmpty();
            }
        }
    }

    @Nested
    class UsageSpike {
        private void internationalCalls(int day, int count, int minutes) throws Exception {
            for (int i = 0; i < count; i++) {
                s.event(
                        outgoingCall(
                                "intl" + day + "-" + i,
                                SUB,
                                at(day, 10 + i),
                                CallScope.INTERNATIONAL,
                                minutes * 60));
            }
        }

        @Test
        void raisedWhenADayFarExceedsTheSubscribersOwnRhythmWithTheMeasureToBlame()
                throws Exception {
            s.profile(mass());
            dailyCalls(0, 27, 20);
            internationalCalls(28, 3, 25);
            assertThat(s.alerts(AlertType.USAGE_SPIKE))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
                                assertThat(a.getEventTime()).isEqualTo(at(28, 12));
                                Reason first = a.getReasons().get(0);
                                assertThat(first.getCode())
                                        .isEqualTo("INTERNATIONAL_MINUTES_SPIKE");
                                assertThat(first.getMeasured()).isEqualTo(75.0);
                                assertThat(first.getBaseline()).isEqualTo(0.0);
                                // ln(1 + x) = 8 spreads of 0.5 above ln(1 + 0)
                                assertThat(first.getThreshold())
                                        .isCloseTo(Math.expm1(4), within(1e-3));
                                assertThat(first.getText())
                                        .isEqualTo(
                                                "international call minutes today 75, usually 0 (100% of an anomaly score of 8.7; alert from 8)");
                            });
        }

        private void dailyData(int from, int to, int megabytes) throws Exception {
            for (int day = from; day <= to; day++) {
                s.event(dataSession("d" + day, SUB, at(day, 9), megabytes * 1_000_000L));
            }
        }

        /**
         * 200 MB a day, then 3 GB: far short of the score of all measures (8 spreads is 55 times
         * the usual), but a data surge from its own score of 4 (7.4 times).
         */
        @Test
        void aDataSurgeRaisesFromTheScoreOfItsOwn() throws Exception {
            s.profile(mass());
            dailyData(0, 27, 200);
            s.event(dataSession("big", SUB, at(28, 12), 3_000_000_000L));
            assertThat(s.alerts(AlertType.USAGE_SPIKE))
                    .singleElement()
                    .satisfies(
                            a -> {
                                Reason first = a.getReasons().get(0);
                                assertThat(first.getCode()).isEqualTo("DATA_MB_SPIKE");
                                assertThat(first.getText())
                                        .isEqualTo(
                                                "mobile data today 3000 MB, usually 200 MB (100% of an anomaly score of 5.4; alert from 4)");
                                assertThat(first.getThreshold())
                                        .isCloseTo(Math.expm1(Math.log1p(200) + 2), within(1e-3));
                            });
        }

        @Test
        void aDayOfFiveTimesTheUsualDataIsNoSurge() throws Exception {
            s.profile(mass());
            dailyData(0, 27, 200);
            s.event(dataSession("big", SUB, at(28, 12), 1_000_000_000L));
            assertThat(s.alerts(AlertType.USAGE_SPIKE)).isEmpty();
        }

        @Test
        void aNewSubscribersFirstBusyDayIsNoSpike() throws Exception {
            s.profile(mass());
            // no history: nothing to compare with
            for (int i = 0; i < 7; i++) {
                s.event(outgoingCall("c" + i, SUB, at(0, 9 + i), CallScope.LOCAL, 20 * 60));
            }
            internationalCalls(1, 5, 25);
            assertThat(s.alerts(AlertType.USAGE_SPIKE)).isEmpty();
        }

        /**
         * A light user who calls long distance once a month: 40 minutes are many spreads above
         * their usual nothing, but not a material excess (60 minutes).
         */
        @Test
        void aLightUsersOrdinaryCallIsNoSpike() throws Exception {
            s.profile(mass());
            for (int day = 0; day <= 27; day++) {
                s.event(sms("m" + day, SUB, at(day, 9)));
            }
            s.event(outgoingCall("ld", SUB, at(28, 9), CallScope.LONG_DISTANCE, 40 * 60));
            assertThat(s.alerts(AlertType.USAGE_SPIKE)).isEmpty();
            s.event(outgoingCall("ld2", SUB, at(28, 10), CallScope.LONG_DISTANCE, 30 * 60));
            assertThat(s.alerts(AlertType.USAGE_SPIKE))
                    .as("70 minutes is")
                    .singleElement()
                    .satisfies(
                            a ->
                                    assertThat(a.getReasons().get(0).getCode())
                                            .isEqualTo("LONG_DISTANCE_MINUTES_SPIKE"));
        }

        /** Roaming is not watched by the shipped configuration: a trip abroad is ordinary life. */
        @Test
        void aTripAbroadIsNoSpike() throws Exception {
            s.profile(mass());
            dailyCalls(0, 27, 20);
            for (int i = 0; i < 6; i++) {
                s.event(outgoingCall("r" + i, SUB, at(28, 9 + i), CallScope.ROAMING, 30 * 60));
            }
            assertThat(s.alerts(AlertType.USAGE_SPIKE)).isEmpty();
        }

        /** A subscriber who talks 10 to 70 minutes a day: 90 minutes is a busy day, not a spike. */
        @Test
        void aBusyDayOfAnErraticSubscriberIsNoSpike() throws Exception {
            s.profile(mass());
            for (int day = 0; day <= 27; day++) {
                int minutes = 10 + (day * 23) % 61;
                s.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, minutes * 60));
            }
            s.event(outgoingCall("busy", SUB, at(28, 9), CallScope.LOCAL, 90 * 60));
            assertThat(s.alerts(AlertType.USAGE_SPIKE)).isEmpty();
        }

        @Test
        void aSegmentWithAHigherScoreOfItsOwnIsJudgedByIt() throws Exception {
            try (AlertScenario keyAccounts =
                    new AlertScenario(
                            AlertScenario.testConfigWith(
                                    "# min-score-by-segment: {KEY_ACCOUNT: 6}",
                                    "min-score-by-segment: {KEY_ACCOUNT: 9}"))) {
                keyAccounts.profile(keyAccount());
                for (int day = 0; day <= 27; day++) {
                    keyAccounts.event(
                            outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 1200));
                }
                for (int i = 0; i < 3; i++) {
                    keyAccounts.event(
                            outgoingCall(
                                    "intl" + i,
                                    SUB,
                                    at(28, 10 + i),
                                    CallScope.INTERNATIONAL,
                                    25 * 60));
                }
                // a score of 8.7: a spike for the others (see the first test), not for key accounts
                assertThat(keyAccounts.alerts(AlertType.USAGE_SPIKE)).isEmpty();
            }
        }

        /**
         * Roaming watched, but ignored for subscribers with the international package: the same
         * trip abroad is a spike only for one without it.
         */
        @Test
        void aMeasureIgnoredForAServiceIsNotJudgedForItsSubscribers() throws Exception {
            ScoringConfig roamingWatched =
                    AlertScenario.testConfigWith(
                            "      spend: 30\n    action: \"Check for fraud",
                            "      spend: 30\n      roaming-minutes: 60\n"
                                    + "    ignored-with-service: {roaming-minutes: [INTERNATIONAL]}\n"
                                    + "    action: \"Check for fraud");
            for (boolean withPackage : new boolean[] {true, false}) {
                try (AlertScenario trip = new AlertScenario(roamingWatched)) {
                    trip.profile(mass());
                    if (withPackage) {
                        trip.event(
                                service(
                                        "svc",
                                        SUB,
                                        at(0, 8),
                                        "INTERNATIONAL",
                                        ServiceAction.SUBSCRIBE));
                    }
                    for (int day = 0; day <= 27; day++) {
                        trip.event(outgoingCall("c" + day, SUB, at(day, 9), CallScope.LOCAL, 1200));
                    }
                    for (int i = 0; i < 6; i++) {
                        trip.event(
                                outgoingCall(
                                        "r" + i, SUB, at(28, 10 + i), CallScope.ROAMING, 30 * 60));
                    }
                    if (withPackage) {
                        assertThat(trip.alerts(AlertType.USAGE_SPIKE)).isEmpty();
                    } else {
                        assertThat(trip.alerts(AlertType.USAGE_SPIKE))
                                .singleElement()
                                .satisfies(
                                        a ->
                                                assertThat(a.getReasons().get(0).getCode())
                                                        .isEqualTo("ROAMING_MINUTES_SPIKE"));
                    }
                }
            }
        }

        @Test
        void resolvedOnALaterOrdinaryDay() throws Exception {
            s.profile(mass());
            dailyCalls(0, 27, 20);
            internationalCalls(28, 8, 60);
            s.event(outgoingCall("next", SUB, at(29, 9), CallScope.LOCAL, 20 * 60));
            assertThat(s.statuses(AlertType.USAGE_SPIKE)).containsExactly(OPEN, UPDATED, RESOLVED);
            assertThat(s.alerts(AlertType.USAGE_SPIKE).get(1).getSeverity())
                    .isEqualTo(Severity.HIGH);
            assertThat(s.alerts(AlertType.USAGE_SPIKE).get(2).getOutcome())
                    .isEqualTo("USAGE_NORMAL");
        }
    }

    @Nested
    class RepairOverdue {
        /**
         * A key account's overdue repair reaches network operations, who repair it, and its account
         * manager is told; collections and network operations are not retention contacts.
         */
        @Test
        void aKeyAccountsOverdueRepairGoesToNetworkOperationsAndItsManagerIsTold()
                throws Exception {
            s.profile(keyAccount()).event(faultReport("f1", SUB, at(0, 9), at(2, 9)));
            s.watermark(at(2, 9));
            assertThat(s.alerts(AlertType.REPAIR_OVERDUE))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getRoute()).isEqualTo(Route.NETWORK_OPERATIONS);
                                assertThat(a.getAssignee()).isEqualTo("am-7");
                                assertThat(a.getContactAllowed()).isTrue();
                            });
        }

        @Test
        void raisedAtTheCommittedRepairTimeAndEscalatedByASecondOne() throws Exception {
            s.profile(mass());
            s.event(faultReport("f1", SUB, at(0, 9), at(2, 9)))
                    .event(faultReport("f2", SUB, at(1, 9), at(4, 9)));
            s.watermark(at(2, 9));
            assertThat(s.alerts(AlertType.REPAIR_OVERDUE))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getRoute()).isEqualTo(Route.NETWORK_OPERATIONS);
                                assertThat(a.getEventTime()).isEqualTo(at(2, 9));
                            });
            s.watermark(at(4, 9));
            assertThat(s.statuses(AlertType.REPAIR_OVERDUE)).containsExactly(OPEN, UPDATED);
        }

        @Test
        void notRaisedForARepairInTime() throws Exception {
            s.profile(mass());
            s.event(faultReport("f1", SUB, at(0, 9), at(2, 9)))
                    .event(faultCleared("x1", SUB, at(2, 9) - 1, "f1"));
            s.watermark(at(10, 0));
            assertThat(s.alerts(AlertType.REPAIR_OVERDUE)).isEmpty();
        }

        @Test
        void resolvedWhenTheFaultIsCleared() throws Exception {
            s.profile(mass());
            s.event(faultReport("f1", SUB, at(0, 9), at(2, 9)));
            s.watermark(at(3, 0)).event(faultCleared("x1", SUB, at(3, 9), "f1"));
            assertThat(s.statuses(AlertType.REPAIR_OVERDUE)).containsExactly(OPEN, RESOLVED);
            assertThat(s.alerts(AlertType.REPAIR_OVERDUE).get(1).getOutcome())
                    .isEqualTo("REPAIRED");
        }
    }

    @Nested
    class CompetitorContact {
        @Test
        void raisedForAKeyAccountAndTheAccountManagerIsTold() throws Exception {
            s.profile(keyAccount()).event(competitorContact("k1", SUB, at(0, 9), "RivalTel"));
            assertThat(s.alerts(AlertType.COMPETITOR_CONTACT))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.getStatus()).isEqualTo(OPEN);
                                assertThat(a.getRoute()).isEqualTo(Route.ACCOUNT_MANAGER);
                                assertThat(a.getAssignee()).isEqualTo("am-7");
                                assertThat(a.getReasons().get(0).getText())
                                        .isEqualTo("Approached by RivalTel");
                                assertThat(a.getPriority()).isEqualTo(1);
                            });
        }

        @Test
        void notRaisedForAMassSubscriber() throws Exception {
            s.profile(mass()).event(competitorContact("k1", SUB, at(0, 9), "RivalTel"));
            assertThat(s.alerts(AlertType.COMPETITOR_CONTACT)).isEmpty();
        }

        @Test
        void escalatedByAnotherApproachAndResolvedAfterAQuietMonth() throws Exception {
            s.profile(keyAccount()).event(competitorContact("k1", SUB, at(0, 9), "RivalTel"));
            s.event(competitorContact("k2", SUB, at(5, 9), "RivalTel"));
            s.watermark(at(35, 9));
            assertThat(s.statuses(AlertType.COMPETITOR_CONTACT))
                    .containsExactly(OPEN, UPDATED, RESOLVED);
            assertThat(s.alerts(AlertType.COMPETITOR_CONTACT).get(2).getOutcome())
                    .isEqualTo("NO_FURTHER_CONTACT");
        }
    }

    @Nested
    class Episodes {
        @Test
        void aSubscriberIsContactedAtMostTwiceIn30DaysButStillAlerted() throws Exception {
            s.profile(mass());
            // four weeks of history, so that a spike can be told from the subscriber's rhythm
            dailyCalls(0, 27, 20);
            // 1: satisfaction drop, to the care centre
            s.event(complaint("p1", SUB, at(28, 9), ComplaintCategory.NETWORK, 3))
                    .event(complaint("p2", SUB, at(28, 10), ComplaintCategory.NETWORK, 3));
            // 2: churn risk, to the retention team
            for (int i = 0; i < 5; i++) {
                s.event(careContact("cc" + i, SUB, at(29, 10) + i * HOUR));
            }
            // an overdue repair goes to network operations and does not call the customer
            s.event(faultReport("f1", SUB, at(29, 16), at(30, 9))).watermark(at(30, 9));
            // 3: a usage spike would be the third contact in 30 days
            for (int i = 0; i < 8; i++) {
                s.event(
                        outgoingCall(
                                "s" + i, SUB, at(31, 8 + i), CallScope.INTERNATIONAL, 20 * 60));
            }
            assertThat(s.alerts())
                    .filteredOn(a -> a.getStatus() == OPEN)
                    .extracting(Alert::getType, Alert::getContactAllowed)
                    .containsExactly(
                            tuple(AlertType.SATISFACTION_DROP, true),
                            tuple(AlertType.CHURN_RISK, true),
                            tuple(AlertType.REPAIR_OVERDUE, true),
                            tuple(AlertType.USAGE_SPIKE, false));
            // its resolution says the same
            s.event(outgoingCall("next", SUB, at(32, 9), CallScope.LOCAL, 60));
            assertThat(s.alerts(AlertType.USAGE_SPIKE))
                    .extracting(Alert::getContactAllowed)
                    .containsExactly(false, false);
        }

        @Test
        void aRestartFromASnapshotReEmitsNothing() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.watermark(at(20, 9));
            s.restart();
            s.watermark(at(30, 9)).event(sms("m1", SUB, at(30, 10)));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN);
        }

        @Test
        void terminationClosesEveryOpenEpisodeButADebt() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.event(faultReport("f1", SUB, at(0, 11), at(1, 9)));
            s.watermark(at(21, 0));
            s.event(status("t1", SUB, at(22, 9), SubscriberStatus.TERMINATED));
            assertThat(s.alerts())
                    .filteredOn(a -> a.getStatus() == RESOLVED)
                    .extracting(Alert::getType, Alert::getOutcome)
                    .containsExactlyInAnyOrder(
                            tuple(AlertType.REPAIR_OVERDUE, "TERMINATED"),
                            tuple(AlertType.ZERO_ACTIVITY, "TERMINATED"));
            assertThat(s.statuses(AlertType.ARREARS))
                    .as("arrears then leaving: the collections case goes on")
                    .containsExactly(OPEN);
        }

        /** Debts outlive the line: the arrears case escalates, and closes when paid. */
        @Test
        void aTerminatedSubscribersArrearsEscalateAndResolveWhenPaid() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.event(status("t1", SUB, at(22, 9), SubscriberStatus.TERMINATED));
            s.watermark(at(81, 0));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN, UPDATED);
            s.event(payment("p1", SUB, at(90, 9), 5_800));
            assertThat(s.statuses(AlertType.ARREARS)).containsExactly(OPEN, UPDATED, RESOLVED);
            assertThat(s.alerts(AlertType.ARREARS).get(2).getOutcome()).isEqualTo("PAID");
        }

        @Test
        void aTerminatedSubscribersUnpaidDebtIsWrittenOffAndTheStateGoes() throws Exception {
            s.profile(mass()).event(bill("b1", SUB, at(0, 9), 5_800));
            s.event(status("t1", SUB, at(22, 9), SubscriberStatus.TERMINATED));
            s.watermark(at(150, 0));
            assertThat(s.statuses(AlertType.ARREARS))
                    .as("kept past the 48 h of a terminated state")
                    .containsExactly(OPEN, UPDATED);
            s.watermark(at(400, 0));
            List<Alert> arrears = s.alerts(AlertType.ARREARS);
            assertThat(arrears)
                    .extracting(Alert::getStatus)
                    .containsExactly(OPEN, UPDATED, RESOLVED);
            assertThat(arrears.get(2).getOutcome()).isEqualTo("WRITTEN_OFF");
            assertThat(s.stateEntries()).as("the state goes once the debt is written off").isZero();
        }
    }
}
