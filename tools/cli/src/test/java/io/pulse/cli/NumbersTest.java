package io.pulse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumbersTest {

    @Test
    void wholeNumbersMayHaveUnderscores() {
        assertThat(new Numbers.Positive().convert("20_000")).isEqualTo(20_000);
        assertThat(new Numbers.AnyLong().convert(" -7 ")).isEqualTo(-7L);
        assertThat(new Numbers.PositiveLong().convert("3_000_000_000")).isEqualTo(3_000_000_000L);
        assertThat(new Numbers.AnyInt().convert("-2147483648")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void eachConverterKeepsItsRange() {
        assertThatThrownBy(() -> new Numbers.Positive().convert("0"))
                .hasMessage("'0' is less than 1");
        assertThatThrownBy(() -> new Numbers.NonNegative().convert("-1"))
                .hasMessage("'-1' is less than 0");
        assertThatThrownBy(() -> new Numbers.Port().convert("0"))
                .hasMessage("'0' is not between 1 and 65535");
        assertThatThrownBy(() -> new Numbers.PortOrZero().convert("65536"))
                .hasMessage("'65536' is not between 0 and 65535");
        assertThat(new Numbers.PortOrZero().convert("0")).isZero();
        assertThatThrownBy(() -> new Numbers.AnyInt().convert("3000000000"))
                .hasMessage("'3000000000' is not between -2147483648 and 2147483647");
        assertThatThrownBy(() -> new Numbers.Positive().convert("fast"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'fast' is not a whole number");
        assertThatThrownBy(() -> new Numbers.Positive().convert("1.5"))
                .hasMessage("'1.5' is not a whole number");
    }

    @Test
    void aFractionIsStrictlyBetweenZeroAndOne() {
        assertThat(new Numbers.Fraction().convert("0.02")).isEqualTo(0.02);
        for (String value : new String[] {"0", "1", "2", "-0.1", "NaN"}) {
            assertThatThrownBy(() -> new Numbers.Fraction().convert(value))
                    .as(value)
                    .hasMessageContaining("not between 0 and 1");
        }
        assertThatThrownBy(() -> new Numbers.Fraction().convert("half"))
                .hasMessage("'half' is not a number");
    }
}
