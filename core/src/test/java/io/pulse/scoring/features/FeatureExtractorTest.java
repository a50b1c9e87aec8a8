package io.pulse.scoring.features;

import io.pulse.schema.CallScope;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.StateUnderTest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.droppedCall;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.planChange;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureExtractorTest {
    private final StateUnderTest subscriber = new StateUnderTest();

    private void send(SubscriberEvent event) {
        subscriber.send(event);
    }

    private double[] featuresAt(SubscriberProfile profile, long now) {
        double[] x = FeatureExtractor.newVector();
        FeatureExtractor.extract(subscriber.state(), profile, 61.5, now, x);
        return x;
    }

    private static double get(double[] x, Feature feature) {
        return x[feature.ordinal()];
    }

    @Test
    void usageByWindowTrendAndTimeOfDay() {
        // 20 minutes a day at 09:00 in month 3, 10 in month 2, 5 in the last 30 days (days 60..89)
        for (int day = 0; day < 90; day++) {
            int minutes = day < 30 ? 20 : day < 60 ? 10 : 5;
            send(outgoingCall("c" + day, "s", at(day, 9), CallScope.LOCAL, minutes * 60));
        }
        send(outgoingCall("eve", "s", at(89, 20), CallScope.LONG_DISTANCE, 600));
        send(outgoingCall("night", "s", at(89, 2), CallScope.LOCAL, 120));
        // a rated call: its charge in amountMinor
        send(
                SubscriberEvent.newBuilder(
                                outgoingCall("intl", "s", at(89, 10), CallScope.INTERNATIONAL, 300))
                        .setAmountMinor(270L)
                        .build());
        send(sms("m1", "s", at(88, 12)));
        send(incomingCall("in", "s", at(89, 11), 240));

        double[] x = featuresAt(null, at(89, 23));
        double last30 = 30 * 5 + 10 + 2 + 5;
        assertThat(get(x, Feature.VOICE_MINUTES_30D)).isEqualTo(last30);
        // the week of days 28..34 is cut by month 2's edge: 2 of its 7 days are month 3's at 20
        // minutes, 5 month 2's at 10; shared by days, month 2 gets 5/7 of its 90 minutes
        // (RollingUsage), not the 50 it used
        assertThat(get(x, Feature.VOICE_MINUTES_60D))
                .isCloseTo(last30 + 300 - 50 + 5 * 90 / 7.0, within(1.0 / 60));
        assertThat(get(x, Feature.VOICE_MINUTES_90D)).isEqualTo(last30 + 300 + 600);
        assertThat(get(x, Feature.VOICE_MINUTES_TREND))
                .isCloseTo((last30 - 450) / 450, within(1e-12));
        assertThat(get(x, Feature.PEAK_MINUTES_30D)).isEqualTo(150);
        assertThat(get(x, Feature.PEAK_CALLS_30D)).isEqualTo(30);
        assertThat(get(x, Feature.EVENING_MINUTES_30D)).isEqualTo(10);
        assertThat(get(x, Feature.NIGHT_MINUTES_30D)).isEqualTo(2);
        assertThat(get(x, Feature.NIGHT_CALLS_30D)).isEqualTo(1);
        assertThat(get(x, Feature.LONG_DISTANCE_MINUTES_30D)).isEqualTo(10);
        assertThat(get(x, Feature.INTERNATIONAL_MINUTES_30D)).isEqualTo(5);
        assertThat(get(x, Feature.INTERNATIONAL_CALLS_30D)).isEqualTo(1);
        assertThat(get(x, Feature.CALLS_30D)).isEqualTo(33);
        assertThat(get(x, Feature.INCOMING_MINUTES_30D)).isEqualTo(4);
        assertThat(get(x, Feature.CALL_CHARGES_30D)).isEqualTo(2.70);
        assertThat(get(x, Feature.CHARGE_PER_MINUTE_30D)).isCloseTo(2.70 / last30, within(1e-12));
        assertThat(get(x, Feature.SMS_30D)).isEqualTo(1);
        assertThat(get(x, Feature.SMS_TREND)).isEqualTo(FeatureExtractor.MAX_TREND);
        assertThat(get(x, Feature.DAYS_SINCE_OUTGOING)).isEqualTo(0);
        assertThat(get(x, Feature.DAYS_SINCE_CARE_CONTACT)).as("never: missing").isNaN();
        assertThat(get(x, Feature.SATISFACTION)).isEqualTo(61.5);
    }

    @Test
    void experienceBillsPlansAndContract() {
        send(
                service(
                        "v1",
                        "s",
                        at(0, 8),
                        FeatureExtractor.VOICEMAIL_SERVICE,
                        ServiceAction.SUBSCRIBE));
        send(
                service(
                        "i1",
                        "s",
                        at(0, 8),
                        FeatureExtractor.INTERNATIONAL_SERVICE,
                        ServiceAction.SUBSCRIBE));
        send(
                service(
                        "i2",
                        "s",
                        at(5, 8),
                        FeatureExtractor.INTERNATIONAL_SERVICE,
                        ServiceAction.CANCEL));
        send(careContact("c1", "s", at(2, 9)));
        send(careContact("c2", "s", at(10, 9)));
        send(complaint("p1", "s", at(3, 9), ComplaintCategory.NETWORK, 3));
        send(complaint("p2", "s", at(4, 9), ComplaintCategory.BILLING, 1));
        send(droppedCall("d1", "s", at(6, 9), 30));
        send(outgoingCall("o1", "s", at(6, 10), CallScope.LOCAL, 30));
        send(faultReport("f1", "s", at(7, 9), at(8, 9)));
        send(faultReport("f2", "s", at(7, 9), at(30, 9)));
        send(bill("b1", "s", at(1, 9), 12_000));
        send(bill("b2", "s", at(11, 9), 3_000));

        SubscriberProfile profile =
                SubscriberProfile.newBuilder(profile("s", Segment.MASS, DAY_0))
                        .setActivationDate(LocalDate.of(2026, 1, 1))
                        .setContractEndDate(LocalDate.of(2026, 4, 30))
                        .build();
        double[] x = featuresAt(profile, at(12, 9));
        assertThat(get(x, Feature.CARE_CONTACTS_30D)).isEqualTo(2);
        assertThat(get(x, Feature.DAYS_SINCE_CARE_CONTACT)).isEqualTo(2);
        assertThat(get(x, Feature.COMPLAINTS_90D)).isEqualTo(2);
        assertThat(get(x, Feature.COMPLAINT_SEVERITY_90D)).isEqualTo(4);
        assertThat(get(x, Feature.DAYS_SINCE_COMPLAINT)).isEqualTo(8);
        assertThat(get(x, Feature.DROPPED_CALLS_30D)).isEqualTo(1);
        assertThat(get(x, Feature.DROPPED_CALL_SHARE_30D)).isEqualTo(0.5);
        assertThat(get(x, Feature.FAULTS_90D)).isEqualTo(2);
        assertThat(get(x, Feature.OPEN_FAULTS)).isEqualTo(2);
        assertThat(get(x, Feature.OVERDUE_REPAIRS)).isEqualTo(1);
        assertThat(get(x, Feature.BILLED_30D)).isEqualTo(150);
        assertThat(get(x, Feature.UNPAID_BILLS)).isEqualTo(2);
        assertThat(get(x, Feature.OVERDUE_BILLS)).isEqualTo(0);
        assertThat(get(x, Feature.UNPAID_AMOUNT)).isEqualTo(150);
        assertThat(get(x, Feature.PLAN_FEE)).isEqualTo(58);
        assertThat(get(x, Feature.VOICEMAIL_PLAN)).isEqualTo(1);
        assertThat(get(x, Feature.INTERNATIONAL_PLAN)).isEqualTo(0);
        assertThat(get(x, Feature.VALUE_ADDED_SERVICES)).isEqualTo(1);
        // DAY_0 is 2026-03-02: day 12 is 2026-03-14
        assertThat(get(x, Feature.TENURE_DAYS)).isEqualTo(72);
        assertThat(get(x, Feature.DAYS_TO_CONTRACT_END)).isEqualTo(47);
        SubscriberProfile noContract =
                SubscriberProfile.newBuilder(profile).setContractEndDate(null).build();
        assertThat(get(featuresAt(noContract, at(12, 9)), Feature.DAYS_TO_CONTRACT_END))
                .isEqualTo(FeatureExtractor.NO_CONTRACT_DAYS);
        assertThat(get(featuresAt(profile, at(40, 9)), Feature.OVERDUE_BILLS)).isEqualTo(2);
    }

    @Test
    void whatTheEventsDoNotCarryIsMissingNotZero() {
        // five unrated calls a day (no amountMinor), no bill, no survey, no profile, one month of
        // history
        for (int day = 0; day < 20; day++) {
            send(outgoingCall("c" + day, "s", at(day, 9), CallScope.LOCAL, 120));
        }
        double[] x = featuresAt(null, at(19, 23));

        for (Feature missing :
                new Feature[] {
                    Feature.CALL_CHARGES_30D,
                    Feature.CHARGE_PER_MINUTE_30D,
                    Feature.VOICE_MINUTES_TREND,
                    Feature.SMS_TREND,
                    Feature.DAYS_SINCE_CARE_CONTACT,
                    Feature.DAYS_SINCE_COMPLAINT,
                    Feature.DAYS_SINCE_COMPETITOR_CONTACT,
                    Feature.BILLED_30D,
                    Feature.BILLED_90D,
                    Feature.UNPAID_BILLS,
                    Feature.OVERDUE_BILLS,
                    Feature.UNPAID_AMOUNT,
                    Feature.DAYS_OVERDUE,
                    Feature.LAST_SURVEY_SCORE,
                    Feature.PLAN_FEE,
                    Feature.TENURE_DAYS,
                    Feature.DAYS_TO_CONTRACT_END
                }) {
            assertThat(get(x, missing)).as("%s", missing).isNaN();
        }
        // what the events do carry is measured, zeros included
        assertThat(get(x, Feature.VOICE_MINUTES_30D)).isEqualTo(40);
        assertThat(get(x, Feature.NIGHT_MINUTES_30D)).isZero();
        assertThat(get(x, Feature.DROPPED_CALL_SHARE_30D)).isZero();
        assertThat(get(x, Feature.COMPLAINTS_90D)).isZero();
        assertThat(get(x, Feature.OBSERVED_DAYS)).isEqualTo(20);
        assertThat(get(x, Feature.SUSPENDED)).isZero();
    }

    @Test
    void ratedCallsSurveysBillsAndCompetitorsAreMeasuredOnceTheyCome() {
        send(
                SubscriberEvent.newBuilder(outgoingCall("c1", "s", at(0, 9), CallScope.LOCAL, 600))
                        .setAmountMinor(150L)
                        .build());
        send(bill("b1", "s", at(1, 2), 5_000));
        send(
                SubscriberEvent.newBuilder(sms("q1", "s", at(2, 10)))
                        .setType(EventType.SURVEY)
                        .setDirection(null)
                        .setSurveyScore(2)
                        .build());
        send(
                SubscriberEvent.newBuilder(sms("k1", "s", at(3, 10)))
                        .setType(EventType.COMPETITOR_CONTACT)
                        .setDirection(null)
                        .build());
        double[] x = featuresAt(null, at(30, 9));

        assertThat(get(x, Feature.CALL_CHARGES_30D)).isEqualTo(1.5);
        assertThat(get(x, Feature.CHARGE_PER_MINUTE_30D)).isEqualTo(0.15);
        assertThat(get(x, Feature.LAST_SURVEY_SCORE)).isEqualTo(2);
        assertThat(get(x, Feature.DAYS_SINCE_COMPETITOR_CONTACT)).isEqualTo(26);
        assertThat(get(x, Feature.UNPAID_BILLS)).isEqualTo(1);
        // due 20 days after day 1: nine days overdue on day 30
        assertThat(get(x, Feature.DAYS_OVERDUE)).isEqualTo(9);
        assertThat(get(x, Feature.VOICE_MINUTES_TREND)).as("still within the first month").isNaN();
        send(sms("m45", "s", at(45, 9)));
        assertThat(get(featuresAt(null, at(45, 9)), Feature.VOICE_MINUTES_TREND)).isEqualTo(-1);
    }

    /**
     * Plan downgrades and complaints about price point to the competitive cause, complaints about
     * the network, coverage and service attitude to disappointment; each counts for 90 days.
     */
    @Test
    void downgradesAndComplaintsByCategoryCountForNinetyDays() {
        send(outgoingCall("c0", "s", at(0, 9), CallScope.LOCAL, 60));
        send(planChange("p1", "s", at(1, 9), ServiceAction.DOWNGRADE, 3_900L));
        send(planChange("p2", "s", at(2, 9), ServiceAction.UPGRADE, 5_800L));
        send(planChange("p3", "s", at(20, 9), ServiceAction.DOWNGRADE, null));
        send(complaint("q1", "s", at(3, 9), ComplaintCategory.PRICE, 2));
        send(complaint("q2", "s", at(4, 9), ComplaintCategory.NETWORK, 1));
        send(complaint("q3", "s", at(5, 9), ComplaintCategory.COVERAGE, 1));
        send(complaint("q4", "s", at(6, 9), ComplaintCategory.SERVICE_ATTITUDE, 3));
        send(complaint("q5", "s", at(7, 9), ComplaintCategory.BILLING, 1));
        send(outgoingCall("c1", "s", at(30, 9), CallScope.LOCAL, 60));
        double[] x = featuresAt(null, at(30, 9));
        assertThat(get(x, Feature.DOWNGRADES_90D)).isEqualTo(2);
        assertThat(get(x, Feature.PRICE_COMPLAINTS_90D)).isEqualTo(1);
        assertThat(get(x, Feature.NETWORK_COMPLAINTS_90D)).isEqualTo(2);
        assertThat(get(x, Feature.SERVICE_ATTITUDE_COMPLAINTS_90D)).isEqualTo(1);
        assertThat(get(x, Feature.COMPLAINTS_90D)).isEqualTo(5);
        assertThat(Feature.DOWNGRADES_90D.cause()).isEqualTo(ChurnCause.COMPETITIVE);
        assertThat(Feature.PRICE_COMPLAINTS_90D.cause()).isEqualTo(ChurnCause.COMPETITIVE);
        assertThat(Feature.SERVICE_ATTITUDE_COMPLAINTS_90D.cause())
                .isEqualTo(ChurnCause.DISAPPOINTMENT);

        // past 90 days the first downgrade and the complaints are gone; the later downgrade stays
        send(outgoingCall("c2", "s", at(95, 9), CallScope.LOCAL, 60));
        x = featuresAt(null, at(95, 9));
        assertThat(get(x, Feature.DOWNGRADES_90D)).isEqualTo(1);
        assertThat(get(x, Feature.PRICE_COMPLAINTS_90D)).isZero();
        assertThat(get(x, Feature.NETWORK_COMPLAINTS_90D)).isZero();
    }

    @Test
    void namesAreTheLowerCaseConstantsInVectorOrder() {
        assertThat(Feature.names())
                .hasSize(Feature.values().length)
                .startsWith("voice_minutes_30d");
        assertThat(Feature.CARE_CONTACTS_30D.describe(5, 1.62))
                .isEqualTo("Calls to customer service, last 30 days: 5 (typical subscriber: 2)");
        assertThat(Feature.INTERNATIONAL_PLAN.describe(1, 0.1))
                .isEqualTo("Has an international calling plan: yes (typical subscriber: no)");
    }
}
