package io.pulse.scoring.alerts;

import io.pulse.schema.Reason;

import java.util.Locale;

/**
 * Evidence of an alert: what was measured, against which threshold and the subscriber's baseline.
 */
final class Reasons {
    private Reasons() {}

    static Reason of(
            String code,
            Double measured,
            Double threshold,
            Double baseline,
            String format,
            Object... args) {
        return Reason.newBuilder()
                .setCode(code)
                .setText(String.format(Locale.ROOT, format, args))
                .setMeasured(measured)
                .setThreshold(threshold)
                .setBaseline(baseline)
                .build();
    }
}
