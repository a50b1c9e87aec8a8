package io.pulse.scoring.anomaly;

import io.pulse.state.UsageCounters;

import java.util.function.ToDoubleFunction;

/**
 * What the anomaly baselines watch per subscriber and day, each with the unit its evidence reads in
 * and a floor: the smallest spread its baseline is given, so that a near-flat series does not alarm
 * on noise (a subscriber who sends 3 messages every day is not 10 standard deviations away at 5).
 */
public enum Measure {
    LOCAL_MINUTES("local call minutes", "", 10, c -> c.getOutLocalSec() / 60.0),
    LONG_DISTANCE_MINUTES(
            "long-distance call minutes", "", 10, c -> c.getOutLongDistanceSec() / 60.0),
    INTERNATIONAL_MINUTES(
            "international call minutes", "", 5, c -> c.getOutInternationalSec() / 60.0),
    ROAMING_MINUTES("roaming call minutes", "", 5, c -> c.getOutRoamingSec() / 60.0),
    SMS_SENT("messages sent", "", 5, c -> c.getSmsOut()),
    DATA_MB("mobile data", " MB", 50, c -> c.getDataBytes() / 1e6),
    SPEND(
            "rated spend",
            " yuan",
            5,
            c -> (c.getCallChargeMinor() + c.getSmsChargeMinor() + c.getDataChargeMinor()) / 100.0),
    TOP_UPS("top-ups", " yuan", 20, c -> c.getTopUpMinor() / 100.0),
    DROPPED_CALL_SHARE("share of calls dropped", "", 0.1, Measure::droppedShare),
    CARE_CONTACTS("calls to customer service", "", 1, c -> c.getCareContacts());

    private final String label;
    private final String unit;
    private final double floor;
    private final ToDoubleFunction<UsageCounters> value;

    Measure(String label, String unit, double floor, ToDoubleFunction<UsageCounters> value) {
        this.label = label;
        this.unit = unit;
        this.floor = floor;
        this.value = value;
    }

    /** The measure of a day's counters; NaN where it is not defined (a share without calls). */
    public double of(UsageCounters day) {
        return value.applyAsDouble(day);
    }

    /** How the measure reads in evidence, e.g. "international call minutes". */
    public String label() {
        return label;
    }

    /** The unit after a value in evidence, with its leading space, or empty. */
    public String unit() {
        return unit;
    }

    /** The smallest spread of a baseline of this measure. */
    public double floor() {
        return floor;
    }

    private static double droppedShare(UsageCounters c) {
        int calls = c.getOutCalls() + c.getInCalls();
        return calls == 0 ? Double.NaN : (double) c.getDroppedCalls() / calls;
    }
}
