package io.pulse.scoring.churn;

import io.pulse.schema.Reason;
import io.pulse.scoring.features.Feature;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChurnReasonsTest {

    @Test
    void theStrongestPositiveContributionsInOrder() {
        double[] features = new double[Feature.count()];
        double[] contributions = new double[Feature.count()];
        contributions[Feature.CARE_CONTACTS_30D.ordinal()] = 0.5;
        contributions[Feature.INTERNATIONAL_PLAN.ordinal()] = 0.9;
        contributions[Feature.TENURE_DAYS.ordinal()] = 0.1;
        contributions[Feature.SATISFACTION.ordinal()] = 0.05;
        contributions[Feature.PLAN_FEE.ordinal()] = -2.0;
        List<Reason> reasons =
                ChurnReasons.fromContributions(
                        features, contributions, new double[Feature.count()]);
        assertThat(reasons)
                .extracting(Reason::getCode)
                .containsExactly("INTERNATIONAL_PLAN", "CARE_CONTACTS_30D", "TENURE_DAYS");
    }

    @Test
    void aMissingFeatureIsNeverAReason() {
        double[] features = new double[Feature.count()];
        double[] contributions = new double[Feature.count()];
        double[] typical = new double[Feature.count()];
        // the largest contributions belong to features whose input the stream does not carry
        features[Feature.CHARGE_PER_MINUTE_30D.ordinal()] = Double.NaN;
        contributions[Feature.CHARGE_PER_MINUTE_30D.ordinal()] = 3.0;
        features[Feature.SATISFACTION.ordinal()] = Double.NaN;
        contributions[Feature.SATISFACTION.ordinal()] = 2.0;
        features[Feature.CARE_CONTACTS_30D.ordinal()] = 4;
        contributions[Feature.CARE_CONTACTS_30D.ordinal()] = 0.5;
        // present, but nobody in training had it
        features[Feature.TENURE_DAYS.ordinal()] = 40;
        typical[Feature.TENURE_DAYS.ordinal()] = Double.NaN;
        contributions[Feature.TENURE_DAYS.ordinal()] = 0.2;

        List<Reason> reasons = ChurnReasons.fromContributions(features, contributions, typical);

        assertThat(reasons)
                .extracting(Reason::getCode)
                .containsExactly("CARE_CONTACTS_30D", "TENURE_DAYS");
        assertThat(reasons)
                .allSatisfy(
                        r -> {
                            assertThat(r.getMeasured()).isNotNaN();
                            assertThat(r.getText()).doesNotContain("NaN");
                        });
        assertThat(reasons.get(1).getText()).endsWith("(typical subscriber: not measured)");
    }
}
