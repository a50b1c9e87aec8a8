package io.pulse.scoring.state;

import io.pulse.schema.AlertType;
import io.pulse.schema.CustomerType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberStatus;
import io.pulse.schema.ValueTier;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state formats write enums by position. Reordering or removing a symbol would make every
 * stored value mean something else after an upgrade; appending is safe. If this fails, append the
 * new symbol at the end of the Avro enum instead.
 */
class EnumPositionsTest {

    @Test
    void enumsInStateOnlyEverGrowAtTheEnd() {
        assertStartsWith(SubscriberStatus.values(), "ACTIVE", "SUSPENDED", "TERMINATED");
        assertStartsWith(
                AlertType.values(),
                "ZERO_ACTIVITY",
                "DORMANT",
                "USAGE_DROP",
                "SPEND_DROP",
                "CHURN_RISK",
                "SATISFACTION_DROP",
                "CONTRACT_EXPIRY",
                "ARREARS",
                "BILL_SHOCK",
                "USAGE_SPIKE",
                "REPAIR_OVERDUE",
                "COMPETITOR_CONTACT");
        assertStartsWith(Severity.values(), "LOW", "MEDIUM", "HIGH", "CRITICAL");
        assertStartsWith(LifecycleStage.values(), "ONBOARDING", "GROWTH", "MATURITY", "DECLINE");
        assertStartsWith(
                ValueTier.values(), "CRYSTAL", "GOLD", "GEM", "PLATINUM", "JADE", "DIAMOND");
        assertStartsWith(CustomerType.values(), "INDIVIDUAL", "BUSINESS", "GROUP");
        assertStartsWith(Segment.values(), "MASS", "BUSINESS", "KEY_ACCOUNT");
        assertStartsWith(KeyAccountClass.values(), "IMPORTANT", "STANDARD");
    }

    private static void assertStartsWith(Enum<?>[] values, String... stored) {
        assertThat(Arrays.stream(values).map(Enum::name)).startsWith(stored);
    }
}
