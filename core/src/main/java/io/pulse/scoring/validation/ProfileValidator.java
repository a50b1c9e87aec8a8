package io.pulse.scoring.validation;

import io.pulse.schema.SubscriberProfile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The rules a subscriber profile must satisfy beyond its schema.
 *
 * <p>A profile is kept whole in state and its account manager goes into alerts, so every string is
 * bounded. Dates and years are checked against what a mobile subscription can be: no activation
 * before 1980 or more than a year ahead, no contract ending after 2100, no customer born before
 * 1900 or in the future. {@code updatedAt} may not lie more than a day ahead: an older profile
 * never replaces a newer one, so a profile stamped in the year 3000 would freeze the subscriber's
 * profile for good.
 */
public final class ProfileValidator implements RecordValidator<SubscriberProfile> {
    private static final long serialVersionUID = 1L;

    static final LocalDate EARLIEST_ACTIVATION = LocalDate.of(1980, 1, 1);
    static final LocalDate LATEST_CONTRACT_END = LocalDate.of(2100, 1, 1);
    static final int EARLIEST_BIRTH_YEAR = 1900;

    @Override
    public String problem(SubscriberProfile p, long now) {
        if (p.getSubscriberId().isBlank()
                || p.getSubscriberId().length() > EventValidator.MAX_ID_LENGTH) {
            return "subscriberId must be 1 to " + EventValidator.MAX_ID_LENGTH + " characters";
        }
        String problem = text(p);
        if (problem != null) {
            return problem;
        }
        if (p.getPlanMonthlyFeeMinor() < 0
                || p.getPlanMonthlyFeeMinor() > EventValidator.MAX_AMOUNT_MINOR) {
            return "planMonthlyFeeMinor " + p.getPlanMonthlyFeeMinor() + " is out of range";
        }
        if (p.getUpdatedAt() < EventValidator.EARLIEST
                || p.getUpdatedAt() > now + EventValidator.MAX_FUTURE_MILLIS) {
            return "updatedAt "
                    + p.getUpdatedAt()
                    + " is before 2000-01-01 or more than a day in the future";
        }
        return dates(p, LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC));
    }

    private static String text(SubscriberProfile p) {
        if (p.getPlanCode().isBlank()
                || p.getPlanCode().length() > EventValidator.MAX_TEXT_LENGTH) {
            return "planCode must be 1 to " + EventValidator.MAX_TEXT_LENGTH + " characters";
        }
        return EventValidator.firstProblem(
                EventValidator.length(
                        "accountManagerId", p.getAccountManagerId(), EventValidator.MAX_ID_LENGTH),
                EventValidator.length("region", p.getRegion(), EventValidator.MAX_TEXT_LENGTH),
                EventValidator.length("accountId", p.getAccountId(), EventValidator.MAX_ID_LENGTH),
                EventValidator.length("cellId", p.getCellId(), EventValidator.MAX_ID_LENGTH));
    }

    private static String dates(SubscriberProfile p, LocalDate today) {
        LocalDate activation = p.getActivationDate();
        if (activation.isBefore(EARLIEST_ACTIVATION) || activation.isAfter(today.plusYears(1))) {
            return "activationDate "
                    + activation
                    + " is before "
                    + EARLIEST_ACTIVATION
                    + " or more than a year ahead";
        }
        LocalDate contractEnd = p.getContractEndDate();
        if (contractEnd != null && contractEnd.isBefore(activation)) {
            return "contractEndDate is before activationDate";
        }
        if (contractEnd != null && contractEnd.isAfter(LATEST_CONTRACT_END)) {
            return "contractEndDate " + contractEnd + " is after " + LATEST_CONTRACT_END;
        }
        Integer birthYear = p.getBirthYear();
        if (birthYear != null && (birthYear < EARLIEST_BIRTH_YEAR || birthYear > today.getYear())) {
            return "birthYear "
                    + birthYear
                    + " is out of range ["
                    + EARLIEST_BIRTH_YEAR
                    + ", "
                    + today.getYear()
                    + "]";
        }
        return null;
    }
}
