package io.pulse.scoring.engine;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.AccountLine;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.Test;

import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static io.pulse.scoring.TestEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line of a customer account reports to its account's watch once a day, at a competitor's
 * approach and at its termination; its own competitor alert is published without contact, the
 * account's case being the one its manager gets. A line without an account reports nothing.
 */
class AccountLinesTest {
    private static final String SUB = "ka-1";
    private final SubscriberScorer scorer = new SubscriberScorer(shippedConfig(), shippedModels());
    private final SealedDays history = new SealedDays();
    private SubscriberState state;
    private SubscriberProfile profile =
            SubscriberProfile.newBuilder(profile(SUB, Segment.KEY_ACCOUNT, DAY_0))
                    .setAccountId("acct-1")
                    .build();

    private Outcome send(SubscriberEvent event) {
        Outcome outcome = scorer.onEvent(SUB, state, profile, event, history, 0L);
        state = outcome.state();
        return outcome;
    }

    @Test
    void aLineReportsOnceADayAtAnApproachAndAtItsTermination() {
        AccountLine first =
                send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60)).accountLine();
        assertThat(first.getAccountId()).isEqualTo("acct-1");
        assertThat(first.getActive()).isTrue();
        assertThat(first.getAccountManagerId()).isEqualTo("am-7");
        assertThat(first.getSpend()).extracting(s -> s.getMeasure()).contains("TOTAL", "VOICE");
        assertThat(send(sms("s1", SUB, at(0, 15))).accountLine()).as("same day").isNull();
        assertThat(send(sms("s2", SUB, at(1, 8))).accountLine()).as("a new day").isNotNull();

        Outcome approached = send(competitorContact("x1", SUB, at(1, 10), "RivalTel"));
        assertThat(approached.accountLine().getCompetitor()).isEqualTo("RivalTel");
        assertThat(approached.accountLine().getCompetitorContactTime()).isEqualTo(at(1, 10));
        assertThat(approached.alerts())
                .filteredOn(a -> a.getType() == AlertType.COMPETITOR_CONTACT)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getContactAllowed()).isFalse();
                            assertThat(a.getReasons())
                                    .extracting(r -> r.getCode())
                                    .contains("ACCOUNT_CASE");
                        });
        assertThat(state.getContactTimes()).as("no contact used up").isEmpty();

        AccountLine terminated =
                send(status("t1", SUB, at(1, 12), SubscriberStatus.TERMINATED)).accountLine();
        assertThat(terminated.getActive()).isFalse();
    }

    @Test
    void aLineWithoutAnAccountReportsNothingAndIsAlertedAsBefore() {
        profile = profile(SUB, Segment.KEY_ACCOUNT, DAY_0);
        assertThat(send(outgoingCall("c1", SUB, at(0, 9), CallScope.LOCAL, 60)).accountLine())
                .isNull();
        Outcome approached = send(competitorContact("x1", SUB, at(1, 10), "RivalTel"));
        assertThat(approached.accountLine()).isNull();
        assertThat(approached.alerts())
                .filteredOn(a -> a.getType() == AlertType.COMPETITOR_CONTACT)
                .singleElement()
                .extracting(Alert::getContactAllowed)
                .isEqualTo(true);
    }
}
