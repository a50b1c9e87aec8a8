package io.pulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void aNumberAndItsUnitOrIso8601() {
        assertThat(converter.convert("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(converter.convert(" 15S ")).isEqualTo(Duration.ofSeconds(15));
        assertThat(converter.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("P1DT12H")).isEqualTo(Duration.ofHours(36));
        assertThat(converter.convert("0s")).isZero();
    }

    @Test
    void aPlainNumberIsRefusedWithTheUnitsItCouldHaveMeant() {
        assertThatThrownBy(() -> converter.convert("20"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'20' has no unit: write 20s, 20m");
    }

    @Test
    void refusesWhatIsNoDurationOrNegative() {
        for (String value :
                new String[] {
                    "soon", "5 minutes", "2min", "1.5h", "-5s", "", "99999999999999999999d"
                }) {
            assertThatThrownBy(() -> converter.convert(value))
                    .as(value)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a duration");
        }
        assertThatThrownBy(() -> converter.convert("PT-5M")).hasMessageContaining("negative");
    }

    @Test
    void positiveDurationsRefuseZero() {
        DurationConverter positive = new DurationConverter.Positive();
        assertThat(positive.convert("1ms")).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> positive.convert("0s"))
                .hasMessageContaining("'0s' is not above zero");
        assertThatThrownBy(() -> positive.convert("PT0S")).hasMessageContaining("not above zero");
    }
}
