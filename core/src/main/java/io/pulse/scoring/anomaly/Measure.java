package io.pulse.scoring.anomaly;

import io.pulse.scoring.config.ConfigException;
import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What the anomaly baselines watch per subscriber and day, each with the unit its evidence reads in
 * and a floor: the smallest spread its baseline is given, so that a near-flat series does not alarm
 * on noise (a subscriber who sends 3 messages every day is not 10 standard deviations away at 5).
 */
public enum Measure {
    LOCAL_MINUTES("local call minutes", "", true, 0.5, c -> c.getOutLocalSec() / 60.0),
    LONG_DISTANCE_MINUTES(
            "long-distance call minutes", "", true, 0.5, c -> c.getOutLongDistanceSec() / 60.0),
    INTERNATIONAL_MINUTES(
            "international call minutes", "", true, 0.5, c -> c.getOutInternationalSec() / 60.0),
    ROAMING_MINUTES("roaming call minutes", "", true, 0.5, c -> c.getOutRoamingSec() / 60.0),
    SMS_SENT("messages sent", "", true, 0.5, c -> c.getSmsOut()),
    DATA_MB("mobile data", " MB", true, 0.5, c -> c.getDataBytes() / 1e6),
    SPEND(
            "rated spend",
            " yuan",
            true,
            0.5,
            c -> (c.getCallChargeMinor() + c.getSmsChargeMinor() + c.getDataChargeMinor()) / 100.0),
    TOP_UPS("top-ups", " yuan", true, 0.5, c -> c.getTopUpMinor() / 100.0),
    DROPPED_CALL_SHARE("share of calls dropped", "", false, 0.1, Measure::droppedShare),
    CARE_CONTACTS("calls to customer service", "", false, 1, c -> c.getCareContacts());

    private final String label;
    private final String unit;
    private final boolean logScale;
    private final double floor;
    private final ToDoubleFunction<UsageCounters> value;

    Measure(
            String label,
            String unit,
            boolean logScale,
            double floor,
            ToDoubleFunction<UsageCounters> value) {
        this.label = label;
        this.unit = unit;
        this.logScale = logScale;
        this.floor = floor;
        this.value = value;
    }

    /** A value on the scale deviations are measured on. */
    public double scaled(double x) {
        return logScale ? Math.log1p(Math.max(0, x)) : x;
    }

    /** The value a scaled one stands for. */
    public double unscaled(double scaled) {
        return logScale ? Math.expm1(scaled) : scaled;
    }

    /** The name in the configuration: the constant in lower case with dashes. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The measure a configuration names, or an error listing the names there are. */
    public static Measure ofConfigName(String name) {
        for (Measure m : values()) {
            if (m.configName().equals(name)) {
                return m;
            }
        }
        List<String> names = new ArrayList<>();
        for (Measure m : values()) {
            names.add(m.configName());
        }
        throw new ConfigException("unknown anomaly measure '" + name + "'; the measures: " + names);
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

    /** The smallest spread of a baseline of this measure, on its scale. */
    public double floor() {
        return floor;
    }

    private static double droppedShare(UsageCounters c) {
        int calls = c.getOutCalls() + c.getInCalls();
        return calls == 0 ? Double.NaN : (double) c.getDroppedCalls() / calls;
    }
}
