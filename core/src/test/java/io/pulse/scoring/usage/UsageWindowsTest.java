package io.pulse.scoring.usage;

import io.pulse.schema.CallScope;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import org.junit.jupiter.api.Test;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.droppedCall;
import static io.pulse.scoring.TestEvents.incomingCall;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.ratedCall;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days older than month 1 keep only some fields ({@link UsageMath#keepOlderMonthFields}). This
 * holds that list against everything that reads months 2 and 3: features, scores and alert rules
 * see no difference whatever the dropped fields of those months hold.
 */
class UsageWindowsTest {
    private static final String SUB = "sub-1";
    private final SubscriberScorer scorer =
            new SubscriberScorer(TestEvents.everyScoreConfig(), shippedModels());
    private final SubscriberProfile profile = profile(SUB, Segment.KEY_ACCOUNT, at(-200, 0));

    @Test
    void nothingReadsTheFieldsOlderDaysDropOfADecliningSubscriber() {
        // busy for two months, then quiet: the decline rules compare month 1 against months 2 and 3
        assertThat(replay(60)).as("the decline is seen").isPositive();
    }

    @Test
    void nothingReadsTheFieldsOlderDaysDropOfASteadySubscriber() {
        // steady usage: any extra read from months 2 and 3 would look like a decline
        replay(100);
    }

    /** Returns the alerts raised. */
    private int replay(int busyDays) {
        int n = 0;
        int alerts = 0;
        for (int day = 0; day < 100; day++) {
            int calls = day < busyDays ? 6 : 1;
            for (int i = 0; i < calls; i++) {
                alerts +=
                        both(
                                outgoingCall(
                                        "c" + n++, SUB, at(day, 8 + i * 2), CallScope.LOCAL, 300));
                alerts += both(ratedCall("r" + n++, SUB, at(day, 9 + i * 2), 120, 250));
            }
            alerts += both(incomingCall("i" + n++, SUB, at(day, 12), 90));
            alerts += both(sms("s" + n++, SUB, at(day, 13)));
            if (day % 30 == 0) {
                alerts += both(bill("b" + n++, SUB, at(day, 6), 25_000));
                alerts += both(careContact("k" + n++, SUB, at(day, 7)));
                alerts += both(droppedCall("d" + n++, SUB, at(day, 7), 20));
            }
        }
        assertThat(plain.getMonth2().getOutLocalSec()).isPositive();
        assertThat(plain.getMonth2().getPeakSec()).as("dropped by the code under test").isZero();
        return alerts;
    }

    private SubscriberState plain;
    private SubscriberState noisy;
    private final SealedDays plainHistory = new SealedDays();
    private final SealedDays noisyHistory = new SealedDays();

    /**
     * Applies an event to the plain state and to a copy whose months 2 and 3 carry noise in the
     * dropped fields; features, score and alerts must come out the same. Returns the alerts raised.
     */
    private int both(SubscriberEvent event) {
        if (noisy != null) {
            fillDroppedFields(noisy.getMonth2(), 10_000_000 + event.getEventId().length());
            fillDroppedFields(noisy.getMonth3(), 70_000_000);
            double[] expected = FeatureExtractor.newVector();
            double[] actual = FeatureExtractor.newVector();
            FeatureExtractor.extract(plain, profile, 70, event.getEventTime(), expected);
            FeatureExtractor.extract(noisy, profile, 70, event.getEventTime(), actual);
            assertThat(actual).containsExactly(expected);
        }
        Outcome expected = scorer.onEvent(SUB, plain, profile, event, plainHistory, 0L);
        Outcome actual = scorer.onEvent(SUB, noisy, profile, event, noisyHistory, 0L);
        plain = expected.state();
        noisy = actual.state();
        assertThat(actual.score()).as(event.getEventId()).isEqualTo(expected.score());
        assertThat(actual.alerts()).as(event.getEventId()).isEqualTo(expected.alerts());
        return expected.alerts().size();
    }

    private static void fillDroppedFields(UsageCounters c, int value) {
        c.setPaymentMinor(value);
        c.setPeakCalls(value + 1);
        c.setPeakSec(value + 2L);
        c.setEveningCalls(value + 3);
        c.setEveningSec(value + 4L);
    }
}
