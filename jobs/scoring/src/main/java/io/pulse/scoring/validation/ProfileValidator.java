package io.pulse.scoring.validation;

import io.pulse.schema.SubscriberProfile;

/** The rules a subscriber profile must satisfy beyond its schema. */
public final class ProfileValidator implements RecordValidator<SubscriberProfile> {
    private static final long serialVersionUID = 1L;

    @Override
    public String problem(SubscriberProfile p, long now) {
        if (p.getSubscriberId().isBlank() || p.getSubscriberId().length() > EventValidator.MAX_ID_LENGTH) {
            return "subscriberId must be 1 to " + EventValidator.MAX_ID_LENGTH + " characters";
        }
        if (p.getPlanMonthlyFeeMinor() < 0 || p.getPlanMonthlyFeeMinor() > EventValidator.MAX_AMOUNT_MINOR) {
            return "planMonthlyFeeMinor " + p.getPlanMonthlyFeeMinor() + " is out of range";
        }
        if (p.getContractEndDate() != null && p.getContractEndDate().isBefore(p.getActivationDate())) {
            return "contractEndDate is before activationDate";
        }
        if (p.getUpdatedAt() <= 0) {
            return "updatedAt must be a positive epoch-millisecond time";
        }
        return null;
    }
}
