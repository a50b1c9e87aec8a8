package io.pulse.scoring.anomaly;

import java.util.Locale;

/**
 * One measure's part in an anomaly: what it was, what was expected of the day (the baseline's
 * median, and the usual range), its deviation in spreads (positive: above) and its share of the
 * score (the shares of an anomaly add up to 1).
 */
public record Attribution(
        Measure measure,
        double value,
        double expected,
        double usualLow,
        double usualHigh,
        double deviation,
        double share) {

    /** The value of the measure at which its deviation alone would be {@code deviation}. */
    public double levelAt(double deviation) {
        double spread = (measure.scaled(value) - measure.scaled(expected)) / this.deviation;
        return measure.unscaled(measure.scaled(expected) + deviation * spread);
    }

    public Direction direction() {
        return deviation >= 0 ? Direction.UP : Direction.DOWN;
    }

    /** Evidence in words, e.g. "international call minutes 240, usually 0-5". */
    public String text() {
        return text("");
    }

    /**
     * Evidence in words with when the value was measured, e.g. "international call minutes today
     * 240, usually 0-5".
     */
    public String text(String when) {
        String usual =
                format(usualLow).equals(format(usualHigh))
                        ? format(usualLow)
                        : format(usualLow) + "-" + format(usualHigh);
        return String.format(
                Locale.ROOT,
                "%s%s %s%s, usually %s%s",
                measure.label(),
                when.isEmpty() ? "" : " " + when,
                format(value),
                measure.unit(),
                usual,
                measure.unit());
    }

    private String format(double x) {
        return measure == Measure.DROPPED_CALL_SHARE
                ? String.format(Locale.ROOT, "%.0f%%", 100 * x)
                : String.format(Locale.ROOT, "%.0f", x);
    }
}
