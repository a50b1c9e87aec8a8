package io.pulse.scoring.incidents;

/**
 * When an area's hour is a network incident: judged against the same hour of the day over the
 * area's last {@code baselineDays} days (their median, hours of an incident left out), once {@code
 * minHistoryDays} of them are known.
 *
 * @param minBaselineActive the least usual number of active subscribers in the hour for silence to
 *     be judged at all (a quiet night hour of a small area is not judged)
 * @param silentShare the share of the usual active subscribers that must be missing
 * @param minAffected the least number of subscribers missing
 * @param minSigmas how far below the usual count, in its Poisson spread (its square root), the hour
 *     must be: an hour of a small area varies by chance
 * @param faultFactor fault reports (and dropped calls) this many times their usual number ...
 * @param minFaults ... and at least this many more than usual, open an incident too
 * @param recoveryHours the incident resolves after this many hours in a row back to usual
 */
public record IncidentRules(
        int baselineDays,
        int minHistoryDays,
        int minBaselineActive,
        double silentShare,
        int minAffected,
        double minSigmas,
        double faultFactor,
        int minFaults,
        int recoveryHours) {

    public IncidentRules {
        if (minHistoryDays < 1 || minHistoryDays > baselineDays * 2 / 7) {
            throw new IllegalArgumentException(
                    "minHistoryDays must be in 1..baselineDays * 2 / 7 (the weekend days)");
        }
        if (silentShare <= 0 || silentShare >= 1) {
            throw new IllegalArgumentException("silentShare must be in (0, 1)");
        }
    }
}
