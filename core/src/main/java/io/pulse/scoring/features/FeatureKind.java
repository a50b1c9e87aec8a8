package io.pulse.scoring.features;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a feature's value reads in a reason. Formatted by hand rather than with String.format: a
 * published score words three reasons, and Formatter was a tenth of the scoring time. A missing
 * value (NaN: the stream does not carry the input, or no training subscriber had it) reads {@value
 * #MISSING}, never "NaN".
 */
enum FeatureKind {
    COUNT(0, ""),
    MINUTES(0, " min"),
    MEGABYTES(0, " MB"),
    YUAN(2, " yuan"),
    DAYS(0, " days"),
    SHARE(0, "%"),
    TREND(0, "%"),
    SCORE(0, ""),
    YUAN_PER_MINUTE(3, " yuan/min"),
    FLAG(0, "");

    static final String MISSING = "not measured";

    private final int decimals;
    private final String unit;

    FeatureKind(int decimals, String unit) {
        this.decimals = decimals;
        this.unit = unit;
    }

    String format(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        if (this == FLAG) {
            return value > 0.5 ? "yes" : "no";
        }
        double shown = this == SHARE || this == TREND ? value * 100 : value;
        if (!Double.isFinite(shown)) {
            return shown + unit;
        }
        // BigDecimal has no negative zero: -0.2 reads "0", where String.format would write "-0"
        String number =
                BigDecimal.valueOf(shown).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return (this == TREND && !number.startsWith("-") ? "+" : "") + number + unit;
    }
}
