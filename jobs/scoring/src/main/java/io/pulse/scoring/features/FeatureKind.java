package io.pulse.scoring.features;

import java.util.Locale;

/** How a feature's value reads in a reason. */
enum FeatureKind {
    COUNT("%.0f"),
    MINUTES("%.0f min"),
    MEGABYTES("%.0f MB"),
    YUAN("%.2f yuan"),
    DAYS("%.0f days"),
    SHARE("%.0f%%"),
    TREND("%+.0f%%"),
    SCORE("%.0f"),
    YUAN_PER_MINUTE("%.3f yuan/min"),
    FLAG(null);

    private final String format;

    FeatureKind(String format) {
        this.format = format;
    }

    String format(double value) {
        if (this == FLAG) {
            return value > 0.5 ? "yes" : "no";
        }
        double shown = this == SHARE || this == TREND ? value * 100 : value;
        return String.format(Locale.ROOT, format, shown);
    }
}
