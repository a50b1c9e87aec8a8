package io.pulse.scoring.churn;

import io.pulse.schema.CallScope;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.Reason;
import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.StateUnderTest;
import io.pulse.scoring.config.ScoringConfig;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsumptionChurnModelTest {
    private final ScoringConfig config = shippedConfig();
    private final ConsumptionChurnModel model =
            new ConsumptionChurnModel(config.churn().consumption());
    private final StateUnderTest subscriber = new StateUnderTest();

    private void send(SubscriberEvent event) {
        subscriber.send(event);
    }

    @Test
    void isTheSourceFormulaOnThreeMonthsOfUsage() {
        for (int i = 0; i < 10; i++) {
            send(outgoingCall("c" + i, "s", at(0, 9) + i * 60_000, CallScope.LOCAL, 600));
        }
        // one observed day, extrapolated from the 7-day minimum to 90 days; local minutes range
        // 0..2700
        double uLocal = 100.0 * 90 / 7 / 2700;
        assertThat(model.probability(subscriber.state(), at(0, 10)))
                .isCloseTo(Math.exp(-1.5 * uLocal), within(1e-12));
        List<Reason> reasons = model.reasons(subscriber.state(), at(0, 10));
        assertThat(reasons)
                .extracting(Reason::getCode)
                .containsExactly("LOW_LONG_DISTANCE_MINUTES", "LOW_SMS", "LOW_LOCAL_MINUTES");
        assertThat(reasons).allSatisfy(r -> assertThat(r.getCause()).isEqualTo(ChurnCause.NATURAL));
    }

    @Test
    void moreUsageMeansLowerChurn() {
        send(outgoingCall("c1", "s", at(0, 9), CallScope.LOCAL, 600));
        double light = model.probability(subscriber.state(), at(0, 9));
        send(outgoingCall("c2", "s", at(0, 10), CallScope.LONG_DISTANCE, 1_800));
        send(sms("m1", "s", at(0, 11)));
        assertThat(model.probability(subscriber.state(), at(0, 11))).isLessThan(light);
    }

    @Test
    void theTimeFactorRaisesChurnWhenConsumptionFallsMonthOnMonth() {
        ConsumptionChurnModelTest falling = new ConsumptionChurnModelTest();
        ConsumptionChurnModelTest rising = new ConsumptionChurnModelTest();
        for (int day = 0; day < 90; day++) {
            falling.send(
                    outgoingCall(
                            "f" + day, "f", at(day, 9), CallScope.LOCAL, day < 60 ? 40 * 60 : 0));
            rising.send(
                    outgoingCall(
                            "r" + day, "r", at(day, 9), CallScope.LOCAL, day >= 30 ? 30 * 60 : 0));
        }
        long now = at(89, 12);
        // falling: 40 minutes a day in months 3 and 2, nothing in the last 30 days: trend -1
        double yFalling = 1.00 * (60 * 40.0) / 2700;
        assertThat(falling.model.probability(falling.subscriber.state(), now))
                .isCloseTo(Math.exp(-1.5 * yFalling * (1 - 0.5)), within(1e-9));
        assertThat(falling.model.reasons(falling.subscriber.state(), now))
                .extracting(Reason::getCode)
                .containsExactly("LOW_LONG_DISTANCE_MINUTES", "LOW_SMS", "FALLING_CONSUMPTION");
        // rising: nothing, then 30 minutes a day in months 2 and 1: trend +1 (clipped)
        double yRising = 1.00 * (60 * 30.0) / 2700;
        assertThat(rising.model.probability(rising.subscriber.state(), now))
                .isCloseTo(Math.exp(-1.5 * yRising * (1 + 0.5)), within(1e-9));
        assertThat(rising.model.reasons(rising.subscriber.state(), now))
                .extracting(Reason::getCode)
                .doesNotContain("FALLING_CONSUMPTION");
    }
}
