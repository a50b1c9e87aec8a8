package io.pulse.scoring.state;

import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.scoring.StateUnderTest;
import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.scoring.usage.RecentEventIds;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.EmittedScore;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.nio.ByteBuffer;
import java.time.LocalDate;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.planChange;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.ratedDataSession;
import static io.pulse.scoring.TestEvents.ratedSms;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.survey;

/**
 * Subscriber states and profiles for the serializer tests, from the bare minimum to every field
 * set.
 */
final class StateSamples {
    static final String SUB = "sub-1";

    private StateSamples() {}

    /** The state a first event creates. */
    static SubscriberState fresh() {
        return SubscriberStateUpdater.newState(sms("e0", SUB, at(0, 9)));
    }

    /**
     * Forty days of varied events through the job's own state update, then every remaining field
     * set by hand.
     */
    static SubscriberState busy() {
        StateUnderTest subscriber = new StateUnderTest();
        int n = 0;
        for (int day = 0; day < 40; day++) {
            subscriber.send(outgoingCall("c" + n++, SUB, at(day, 9), CallScope.LOCAL, 120 + day));
            subscriber.send(
                    outgoingCall("c" + n++, SUB, at(day, 20), CallScope.LONG_DISTANCE, 300));
            subscriber.send(incomingCall("c" + n++, SUB, at(day, 12), 45));
            subscriber.send(sms("s" + n++, SUB, at(day, 13)));
        }
        subscriber.send(complaint("x1", SUB, at(39, 10), ComplaintCategory.NETWORK, 2));
        subscriber.send(survey("x2", SUB, at(39, 11), 7));
        subscriber.send(bill("x3", SUB, at(39, 12), 12_345));
        subscriber.send(faultReport("x4", SUB, at(39, 13), at(41, 13)));
        subscriber.send(faultReport("x5", SUB, at(39, 14), null));
        subscriber.send(service("x6", SUB, at(39, 15), "INTERNATIONAL", ServiceAction.SUBSCRIBE));
        subscriber.send(competitorContact("x7", SUB, at(39, 16), "rival"));
        subscriber.send(ratedSms("x8", SUB, at(39, 17), 10));
        subscriber.send(ratedDataSession("x9", SUB, at(39, 18), 2_000_000, 150));
        subscriber.send(service("x10", SUB, at(39, 19), "CUG", ServiceAction.SUBSCRIBE, 2_000L));
        subscriber.send(planChange("x11", SUB, at(38, 9), ServiceAction.DOWNGRADE, 3_900L));
        subscriber.send(planChange("x12", SUB, at(39, 9), ServiceAction.UPGRADE, null));
        subscriber.send(complaint("x13", SUB, at(39, 20), ComplaintCategory.PRICE, 1));
        subscriber.send(complaint("x14", SUB, at(39, 21), ComplaintCategory.SERVICE_ATTITUDE, 3));
        SubscriberState state = subscriber.state();
        state.setSatisfactionAnchor(71.25);
        state.setStatusTime(at(2, 0));
        state.getContactTimes().add(at(30, 1));
        state.setAlertsEvaluatedUntil(at(39, 23));
        state.getEpisodes()
                .add(
                        new OpenEpisode(
                                AlertType.COMPETITOR_CONTACT,
                                at(39, 16),
                                Severity.HIGH,
                                false,
                                null));
        state.getEpisodes()
                .add(new OpenEpisode(AlertType.USAGE_DROP, at(35, 0), Severity.LOW, true, null));
        state.getEpisodes()
                .add(
                        new OpenEpisode(
                                AlertType.ZERO_ACTIVITY,
                                at(38, 4),
                                Severity.MEDIUM,
                                false,
                                "north@1775124000000"));
        state.setEmitted(new EmittedScore(0.4321, 66.5, LifecycleStage.MATURITY, ValueTier.GEM));
        state.setWakeUpTime(at(42, 9));
        for (int i = 0; i < 30; i++) {
            RecentEventIds.markSeen(state, "late-" + i, state.getCurrentDay() - i % 3);
        }
        state.setTreeSides(
                ByteBuffer.wrap(
                        new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 0, -127, 1}));
        return state;
    }

    static SubscriberProfile keyAccount() {
        SubscriberProfile p = profile(SUB, Segment.KEY_ACCOUNT, at(-1, 0));
        p.setKeyAccountClass(KeyAccountClass.IMPORTANT);
        p.setContractEndDate(LocalDate.of(2027, 1, 31));
        p.setAccountManagerId("am-7");
        p.setRegion("north");
        p.setBirthYear(1980);
        return p;
    }

    static SubscriberProfile mass() {
        SubscriberProfile p = profile(SUB, Segment.MASS, at(-1, 0));
        p.setKeyAccountClass(null);
        p.setContractEndDate(null);
        p.setAccountManagerId(null);
        p.setRegion(null);
        p.setBirthYear(null);
        return p;
    }

    /**
     * Ninety sealed days of a busy subscriber, one of them negative and one at the far range of a
     * long.
     */
    static SealedDays ninetyDays() {
        SealedDays days = new SealedDays();
        SubscriberState busy = busy();
        for (int i = 0; i < 90; i++) {
            UsageCounters c = UsageCounters.newBuilder(busy.getMonth1()).build();
            c.setOutLocalSec(c.getOutLocalSec() + i);
            days.putDay(busy.getCurrentDay() - 90 + i, c);
        }
        UsageCounters odd = UsageCounters.newBuilder(busy.getToday()).build();
        odd.setPaymentMinor(-5_000);
        odd.setDataBytes(Long.MAX_VALUE);
        days.putDay(busy.getCurrentDay() - 200, odd);
        return days;
    }
}
