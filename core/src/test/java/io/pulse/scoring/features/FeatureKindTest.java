package io.pulse.scoring.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureKindTest {

    @Test
    void valuesReadAsTheyWouldWithTheirFormatString() {
        assertThat(FeatureKind.COUNT.format(2.5)).isEqualTo("3");
        assertThat(FeatureKind.COUNT.format(-0.2)).isEqualTo("0");
        assertThat(FeatureKind.MINUTES.format(1234.49)).isEqualTo("1234 min");
        assertThat(FeatureKind.YUAN.format(12.345)).isEqualTo("12.35 yuan");
        assertThat(FeatureKind.YUAN.format(0.1)).isEqualTo("0.10 yuan");
        assertThat(FeatureKind.YUAN_PER_MINUTE.format(0.12345)).isEqualTo("0.123 yuan/min");
        assertThat(FeatureKind.SHARE.format(0.256)).isEqualTo("26%");
        assertThat(FeatureKind.TREND.format(-0.42)).isEqualTo("-42%");
        assertThat(FeatureKind.TREND.format(0.42)).isEqualTo("+42%");
        assertThat(FeatureKind.TREND.format(0.0)).isEqualTo("+0%");
        assertThat(FeatureKind.DAYS.format(1e12)).isEqualTo("1000000000000 days");
        assertThat(FeatureKind.FLAG.format(1)).isEqualTo("yes");
        assertThat(FeatureKind.MEGABYTES.format(Double.POSITIVE_INFINITY)).isEqualTo("Infinity MB");
    }

    @Test
    void aMissingValueNeverReadsNaN() {
        for (FeatureKind kind : FeatureKind.values()) {
            assertThat(kind.format(Double.NaN)).as(kind.name()).isEqualTo("not measured");
        }
        for (Feature feature : Feature.values()) {
            assertThat(feature.describe(Double.NaN, Double.NaN))
                    .as(feature.name())
                    .doesNotContain("NaN")
                    .endsWith(": not measured (typical subscriber: not measured)");
            assertThat(feature.describe(1.0, Double.NaN)).doesNotContain("NaN");
        }
    }

    @Test
    void theyMatchStringFormatOverAWideRange() {
        for (double v = -500; v < 500; v += 0.37) {
            assertThat(FeatureKind.YUAN.format(v))
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.2f yuan", v));
            if (Math.abs(v) >= 0.5) {
                assertThat(FeatureKind.MINUTES.format(v))
                        .isEqualTo(String.format(java.util.Locale.ROOT, "%.0f min", v));
            }
        }
    }
}
