package io.pulse.model.replay;

import io.pulse.schema.CallScope;
import io.pulse.schema.CustomerType;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.UsageMath;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a labelled subscriber's month into the events the job would have seen: the plans as service
 * subscriptions on the first day, every call of each part of the day spread over 30 days in its
 * hours (daytime 07-19h, evening 19-23h, night 23-07h, international at any hour) with the minutes
 * and charges divided exactly, and the customer-service calls as care contacts. Deterministic: the
 * same row gives the same events, with ids derived from the subscriber id.
 *
 * <p>No bill is replayed: the data set's charges are call charges in dollars, while an operator's
 * bill is in its own currency and includes the plan fee, so a model that learnt from a replayed
 * bill would read every ordinary plan as a churn signal. The call charges carry the same
 * information in the unit the job sees on rated calls.
 */
public final class SubscriberReplay {
    /** The replayed month: days 0..29 from this date; features are read at the last event. */
    public static final LocalDate START = LocalDate.of(2026, 1, 1);

    static final int DAYS = 30;

    private static final int[] PEAK_HOURS = hours(UsageMath.PEAK_START, UsageMath.EVENING_START);
    private static final int[] EVENING_HOURS =
            hours(UsageMath.EVENING_START, UsageMath.NIGHT_START);
    private static final int[] NIGHT_HOURS = {23, 0, 1, 2, 3, 4, 5, 6};
    private static final int[] ANY_HOURS = hours(0, 23);

    private SubscriberReplay() {}

    public static SubscriberProfile profile(LabelledSubscriber s) {
        return SubscriberProfile.newBuilder()
                .setSubscriberId(s.id())
                .setCustomerType(CustomerType.INDIVIDUAL)
                .setSegment(Segment.MASS)
                .setActivationDate(START.plusDays(DAYS - 1 - s.accountLengthDays()))
                .setPlanCode("CALIBRATION")
                .setPlanMonthlyFeeMinor(0)
                .setUpdatedAt(Days.startOfDay((int) START.toEpochDay()))
                .build();
    }

    /** The subscriber's events in event-time order. */
    public static List<SubscriberEvent> events(LabelledSubscriber s) {
        List<SubscriberEvent> events = new ArrayList<>();
        long start = Days.startOfDay((int) START.toEpochDay());
        if (s.internationalPlan()) {
            events.add(service(s, FeatureExtractor.INTERNATIONAL_SERVICE, start));
        }
        if (s.voicemailPlan()) {
            events.add(service(s, FeatureExtractor.VOICEMAIL_SERVICE, start));
        }
        calls(s, "day", s.day(), CallScope.LOCAL, PEAK_HOURS, events);
        calls(s, "eve", s.evening(), CallScope.LOCAL, EVENING_HOURS, events);
        calls(s, "night", s.night(), CallScope.LOCAL, NIGHT_HOURS, events);
        calls(s, "intl", s.international(), CallScope.INTERNATIONAL, ANY_HOURS, events);
        for (int i = 0; i < s.customerServiceCalls(); i++) {
            events.add(
                    event(
                                    s,
                                    "care-" + i,
                                    EventType.CARE_CONTACT,
                                    time(i, s.customerServiceCalls(), ANY_HOURS))
                            .build());
        }
        events.sort(Comparator.comparingLong(SubscriberEvent::getEventTime));
        return events;
    }

    private static void calls(
            LabelledSubscriber s,
            String band,
            LabelledSubscriber.Band usage,
            CallScope scope,
            int[] hours,
            List<SubscriberEvent> events) {
        long seconds = Math.round(usage.minutes() * 60);
        long cents = cents(usage);
        int n = usage.calls() == 0 && seconds > 0 ? 1 : usage.calls();
        for (int i = 0; i < n; i++) {
            events.add(
                    event(s, band + "-" + i, EventType.VOICE_CALL, time(i, n, hours))
                            .setDirection(Direction.OUTGOING)
                            .setCallScope(scope)
                            .setDurationSec((int) share(seconds, i, n))
                            .setAmountMinor(share(cents, i, n))
                            .setDropped(false)
                            .build());
        }
    }

    /**
     * The i-th of n equal parts of a total, rounded so that the parts add up to the total exactly.
     */
    static long share(long total, int i, int n) {
        return total * (i + 1) / n - total * i / n;
    }

    /** Call i of n: spread over the 30 days, in one of the given hours. */
    static long time(int i, int n, int[] hours) {
        int day = (int) ((long) i * DAYS / n);
        int hour = hours[i % hours.length];
        int minute = (i * 7) % 58;
        int second = i % 60;
        return Days.startOfDay((int) START.toEpochDay() + day)
                + hour * Days.MILLIS_PER_HOUR
                + minute * 60_000L
                + second * 1000L;
    }

    private static long cents(LabelledSubscriber.Band usage) {
        return Math.round(usage.charge() * 100);
    }

    private static SubscriberEvent service(LabelledSubscriber s, String code, long time) {
        return event(s, "service-" + code, EventType.SERVICE_CHANGE, time)
                .setServiceCode(code)
                .setAction(ServiceAction.SUBSCRIBE)
                .build();
    }

    private static SubscriberEvent.Builder event(
            LabelledSubscriber s, String suffix, EventType type, long time) {
        return SubscriberEvent.newBuilder()
                .setEventId(s.id() + "-" + suffix)
                .setSubscriberId(s.id())
                .setEventTime(time)
                .setType(type);
    }

    private static int[] hours(int from, int until) {
        int[] hours = new int[until - from];
        for (int h = from; h < until; h++) {
            hours[h - from] = h;
        }
        return hours;
    }
}
