package io.pulse.scoring.scores;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.StateUnderTest;
import io.pulse.scoring.config.ScoringConfig;

import org.junit.jupiter.api.Test;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.careContact;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.survey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Satisfaction from expectation against experience, with the shipped penalties
 * (docs/specification.md, section 4).
 */
class SatisfactionModelTest {
    private static final double BASELINE = 75;
    private final ScoringConfig config = shippedConfig();
    private final StateUnderTest subscriber = new StateUnderTest();
    private final SubscriberProfile profile = profile("s", Segment.MASS, 1L);

    private void send(SubscriberEvent event) {
        subscriber.send(event);
    }

    private double satisfactionAt(long time) {
        return subscriber.satisfaction(profile, time);
    }

    @Test
    void aCareContactSoonAfterAnotherCostsMoreThanTwoApart() {
        send(careContact("c1", "s", at(0, 9)));
        send(careContact("c2", "s", at(3, 9)));
        // the second contact within 7 days: the first one did not help (1 + 2)
        double fade = Math.pow(0.5, 3.0 / 30);
        assertThat(satisfactionAt(at(3, 9))).isCloseTo(BASELINE - (1 * fade + 1 + 2), within(1e-9));

        SatisfactionModelTest apart = new SatisfactionModelTest();
        apart.send(careContact("c1", "s", at(0, 9)));
        apart.send(careContact("c2", "s", at(10, 9)));
        assertThat(apart.satisfactionAt(at(10, 9)))
                .isCloseTo(BASELINE - (1 * Math.pow(0.5, 10.0 / 30) + 1), within(1e-9));
    }

    @Test
    void aRepairOverdueWeighsUntilClearedAndALateRepairLeavesAFadingPenalty() {
        send(faultReport("f1", "s", at(0, 9), at(2, 9)));
        assertThat(satisfactionAt(at(2, 9)))
                .isCloseTo(BASELINE - 3 * Math.pow(0.5, 2.0 / 30), within(1e-9));
        // past the committed time: 5 more, not fading while it lasts
        assertThat(satisfactionAt(at(2, 10)))
                .isCloseTo(BASELINE - 3 * Math.pow(0.5, (2 + 1.0 / 24) / 30) - 5, within(1e-9));
        send(faultCleared("x1", "s", at(5, 9), "f1"));
        // cleared three days late: the overdue weight goes, a late-repair penalty of 5 fades from
        // now
        assertThat(satisfactionAt(at(5, 9)))
                .isCloseTo(BASELINE - 3 * Math.pow(0.5, 5.0 / 30) - 5, within(1e-9));
        assertThat(satisfactionAt(at(35, 9)))
                .isCloseTo(BASELINE - 3 * Math.pow(0.5, 35.0 / 30) - 2.5, within(1e-9));
    }

    @Test
    void aRepairInTimeCostsOnlyTheFault() {
        send(faultReport("f1", "s", at(0, 9), at(2, 9)));
        send(faultCleared("x1", "s", at(1, 9), "f1"));
        assertThat(satisfactionAt(at(1, 9)))
                .isCloseTo(BASELINE - 3 * Math.pow(0.5, 1.0 / 30), within(1e-9));
    }

    @Test
    void aBillFarAboveTheUsualOneIsABillShock() {
        send(bill("b1", "s", at(0, 9), 14_000));
        send(bill("b2", "s", at(30, 9), 14_000));
        // the usual bill is the mean of the bills before: 140 yuan
        assertThat(SatisfactionModel.usualBillMinor(subscriber.state().getRecentBills()))
                .isEqualTo(14_000);
        send(bill("b3", "s", at(60, 9), 200_000));
        assertThat(satisfactionAt(at(60, 9))).isCloseTo(BASELINE - 5, within(1e-9));

        SatisfactionModelTest usual = new SatisfactionModelTest();
        usual.send(bill("b1", "s", at(0, 9), 14_000));
        usual.send(bill("b2", "s", at(30, 9), 14_000));
        usual.send(bill("b3", "s", at(60, 9), 27_000));
        assertThat(usual.satisfactionAt(at(60, 9))).isEqualTo(BASELINE);
    }

    @Test
    void aSurveyAnswerReAnchorsTheScore() {
        send(careContact("c1", "s", at(0, 9)));
        send(survey("q1", "s", at(1, 9), 4));
        send(survey("q2", "s", at(2, 9), 2));
        // E = mean answer = 3 of 5 (neutral): 50 on 0..100; earlier penalties are cleared
        assertThat(satisfactionAt(at(2, 9) + DAY)).isCloseTo(50, within(1e-9));
    }
}
