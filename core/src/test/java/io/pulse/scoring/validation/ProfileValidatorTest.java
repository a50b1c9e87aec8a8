package io.pulse.scoring.validation;

import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.profile;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileValidatorTest {
    /** 2026-04-01. */
    private static final long NOW = at(30, 0);

    private static final String HUGE = "x".repeat(100_000);

    private final ProfileValidator validator = new ProfileValidator();

    private static SubscriberProfile.Builder keyAccount() {
        return SubscriberProfile.newBuilder(profile("ka-1", Segment.KEY_ACCOUNT, DAY_0));
    }

    private String problem(SubscriberProfile.Builder profile) {
        return validator.problem(profile.build(), NOW);
    }

    @Test
    void aRealisticProfileIsValid() {
        assertThat(problem(keyAccount())).isNull();
        assertThat(problem(keyAccount().setContractEndDate(LocalDate.of(2027, 6, 30)))).isNull();
    }

    @Test
    void everyStringIsBounded() {
        assertThat(problem(keyAccount().setSubscriberId(HUGE)))
                .isEqualTo("subscriberId must be 1 to 128 characters");
        assertThat(problem(keyAccount().setSubscriberId("")))
                .isEqualTo("subscriberId must be 1 to 128 characters");
        assertThat(problem(keyAccount().setPlanCode(HUGE)))
                .isEqualTo("planCode must be 1 to 128 characters");
        assertThat(problem(keyAccount().setPlanCode(" ")))
                .isEqualTo("planCode must be 1 to 128 characters");
        assertThat(problem(keyAccount().setAccountManagerId(HUGE)))
                .isEqualTo("accountManagerId is 100000 characters, at most 128 allowed");
        assertThat(problem(keyAccount().setRegion(HUGE)))
                .isEqualTo("region is 100000 characters, at most 128 allowed");
    }

    @Test
    void updatedAtMayNotLieBefore2000OrAheadOfNow() {
        assertThat(problem(keyAccount().setUpdatedAt(0L)))
                .startsWith("updatedAt 0 is before 2000-01-01");
        assertThat(problem(keyAccount().setUpdatedAt(NOW + DAY))).isNull();
        assertThat(problem(keyAccount().setUpdatedAt(NOW + DAY + 1)))
                .contains("more than a day in the future");
        assertThat(problem(keyAccount().setUpdatedAt(Long.MAX_VALUE)))
                .contains("more than a day in the future");
    }

    @Test
    void datesAndYearsArePossible() {
        assertThat(problem(keyAccount().setActivationDate(LocalDate.of(1979, 12, 31))))
                .isEqualTo(
                        "activationDate 1979-12-31 is before 1980-01-01 or more than a year ahead");
        assertThat(problem(keyAccount().setActivationDate(LocalDate.of(2027, 4, 2))))
                .startsWith("activationDate 2027-04-02");
        assertThat(problem(keyAccount().setContractEndDate(LocalDate.of(2023, 1, 1))))
                .isEqualTo("contractEndDate is before activationDate");
        assertThat(problem(keyAccount().setContractEndDate(LocalDate.of(9999, 1, 1))))
                .isEqualTo("contractEndDate 9999-01-01 is after 2100-01-01");
        assertThat(problem(keyAccount().setBirthYear(1899)))
                .isEqualTo("birthYear 1899 is out of range [1900, 2026]");
        assertThat(problem(keyAccount().setBirthYear(3000)))
                .isEqualTo("birthYear 3000 is out of range [1900, 2026]");
        assertThat(problem(keyAccount().setBirthYear(null))).isNull();
    }

    @Test
    void feesAreNeitherNegativeNorAbsurd() {
        assertThat(problem(keyAccount().setPlanMonthlyFeeMinor(-1)))
                .isEqualTo("planMonthlyFeeMinor -1 is out of range");
        assertThat(problem(keyAccount().setPlanMonthlyFeeMinor(Long.MAX_VALUE)))
                .startsWith("planMonthlyFeeMinor");
    }
}
