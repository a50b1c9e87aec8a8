package io.pulse.model.report;

import java.util.Locale;

/**
 * How the report writes numbers: fixed decimals for people (Markdown, HTML, the summary), and for
 * the CSVs the exact value (Java's shortest round-trip form) so a spreadsheet or a script
 * reproduces every figure. An undefined figure (NaN) is "n/a" for people and an empty cell in a
 * CSV.
 */
final class Format {
    static final String UNDEFINED = "n/a";

    private Format() {}

    /** A rate, share, AUC or Brier score: three decimals. */
    static String rate(double v) {
        return Double.isNaN(v) ? UNDEFINED : String.format(Locale.ROOT, "%.3f", v);
    }

    /** A lift: two decimals. */
    static String lift(double v) {
        return Double.isNaN(v) ? UNDEFINED : String.format(Locale.ROOT, "%.2f", v);
    }

    /** Days: one decimal. */
    static String days(double v) {
        return Double.isNaN(v) ? UNDEFINED : String.format(Locale.ROOT, "%.1f", v);
    }

    /** A count with thousands separators: 2,661. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** A threshold as configured: two decimals. */
    static String threshold(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A CSV cell of a number: exact, empty when undefined. */
    static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
