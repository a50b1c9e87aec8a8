package io.pulse.scoring.validation;

import io.pulse.schema.CallScope;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.payment;
import static io.pulse.scoring.TestEvents.service;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

class EventValidatorTest {
    private static final long NOW = at(30, 0);
    private static final String HUGE = "x".repeat(100_000);

    private final EventValidator validator = new EventValidator();

    private String problem(SubscriberEvent event) {
        return validator.problem(event, NOW);
    }

    @Test
    void realisticEventsAreValid() {
        assertThat(problem(outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60))).isNull();
        assertThat(problem(bill("e2", "sub-1", at(0, 9), 5_800))).isNull();
        assertThat(problem(faultReport("e3", "sub-1", at(0, 9), at(2, 9)))).isNull();
        assertThat(problem(service("e4", "sub-1", at(0, 9), "RINGBACK", ServiceAction.SUBSCRIBE)))
                .isNull();
        assertThat(problem(competitorContact("e5", "sub-1", at(0, 9), "RivalTel"))).isNull();
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(careContact("e6", "sub-1", at(0, 9)))
                                        .setDurationSec(300)
                                        .build()))
                .isNull();
    }

    @Test
    void everyStringIsBounded() {
        assertThat(problem(outgoingCall(HUGE, "sub-1", at(0, 9), CallScope.LOCAL, 60)))
                .isEqualTo("eventId must be 1 to 128 characters");
        assertThat(problem(outgoingCall("e1", HUGE, at(0, 9), CallScope.LOCAL, 60)))
                .isEqualTo("subscriberId must be 1 to 128 characters");
        assertThat(problem(service("e1", "sub-1", at(0, 9), HUGE, ServiceAction.SUBSCRIBE)))
                .isEqualTo("serviceCode is 100000 characters, at most 128 allowed");
        assertThat(problem(competitorContact("e1", "sub-1", at(0, 9), HUGE)))
                .isEqualTo("competitor is 100000 characters, at most 128 allowed");
        assertThat(problem(faultCleared("e1", "sub-1", at(0, 9), HUGE)))
                .isEqualTo("referenceId is 100000 characters, at most 128 allowed");
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(payment("e1", "sub-1", at(0, 9), 100))
                                        .setReferenceId(HUGE)
                                        .build()))
                .isEqualTo("referenceId is 100000 characters, at most 128 allowed");
    }

    @Test
    void blankIdsAndServiceCodesAreInvalid() {
        assertThat(problem(sms("", "sub-1", at(0, 9))))
                .isEqualTo("eventId must be 1 to 128 characters");
        assertThat(problem(sms("e1", " ", at(0, 9))))
                .isEqualTo("subscriberId must be 1 to 128 characters");
        assertThat(problem(service("e1", "sub-1", at(0, 9), "", ServiceAction.SUBSCRIBE)))
                .isEqualTo("SERVICE_CHANGE needs serviceCode");
    }

    @Test
    void quantitiesAreCheckedOnEveryTypeTheyAppearOn() {
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(careContact("e1", "sub-1", at(0, 9)))
                                        .setDurationSec(-60)
                                        .build()))
                .isEqualTo("CARE_CONTACT durationSec -60 is out of range [0, 86400]");
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(sms("e1", "sub-1", at(0, 9)))
                                        .setDataBytes(-1L)
                                        .build()))
                .isEqualTo("SMS dataBytes -1 is out of range [0, 1099511627776]");
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(sms("e1", "sub-1", at(0, 9)))
                                        .setAmountMinor(-100L)
                                        .build()))
                .isEqualTo("SMS amountMinor -100 is out of range [0, 10000000000]");
        assertThat(problem(outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 1_000_000)))
                .isEqualTo("VOICE_CALL durationSec 1000000 is out of range [0, 86400]");
        assertThat(problem(payment("e1", "sub-1", at(0, 9), 0)))
                .isEqualTo("PAYMENT amountMinor 0 is out of range [1, 10000000000]");
    }

    @Test
    void eventTimesBefore2000OrMoreThanADayAheadAreInvalid() {
        assertThat(
                        problem(
                                sms(
                                        "e1",
                                        "sub-1",
                                        Instant.parse("1999-12-31T23:59:59.999Z").toEpochMilli())))
                .isEqualTo("eventTime 946684799999 is before 2000-01-01");
        assertThat(problem(sms("e1", "sub-1", Long.MIN_VALUE))).contains("is before 2000-01-01");
        assertThat(problem(sms("e1", "sub-1", NOW + DAY))).isNull();
        assertThat(problem(sms("e1", "sub-1", NOW + DAY + 1)))
                .contains("more than a day in the future");
        assertThat(problem(sms("e1", "sub-1", Long.MAX_VALUE)))
                .contains("more than a day in the future");
    }

    @Test
    void dueAndCommitTimesAreWithinAYearOfTheEvent() {
        long time = at(0, 9);
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(bill("e1", "sub-1", time, 5_800))
                                        .setDueTime(time + 366 * DAY)
                                        .build()))
                .isNull();
        assertThat(
                        problem(
                                SubscriberEvent.newBuilder(bill("e1", "sub-1", time, 5_800))
                                        .setDueTime(Long.MAX_VALUE)
                                        .build()))
                .startsWith("BILL dueTime 9223372036854775807 is out of range");
        assertThat(problem(faultReport("e1", "sub-1", time, time + 367 * DAY)))
                .startsWith("FAULT_REPORT commitTime");
        assertThat(problem(faultReport("e1", "sub-1", time, time - 1)))
                .startsWith("FAULT_REPORT commitTime");
    }
}
