package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.schema.codec.WireFormat;

import org.junit.jupiter.api.Test;

import java.util.Map;

class SimulatorMainTest {

    @Test
    void withoutArgumentsEverythingIsDefault() {
        assertThat(SimulatorMain.parse(new String[0])).isEqualTo(SimulatorOptions.defaults("localhost:9092"));
    }

    @Test
    void parsesEveryOption() {
        SimulatorOptions options = SimulatorMain.parse(new String[] {
            "--bootstrap-servers", "kafka:29092",
            "--subscribers", "5000",
            "--rate=2500",
            "--seed", "-7",
            "--backfill-days", "3",
            "--format", "json",
            "--events-topic", "events",
            "--profiles-topic=profiles",
            "--producer-property", "security.protocol=SSL",
            "--producer-property", "ssl.truststore.location=/etc/x=y.jks"
        });

        assertThat(options).isEqualTo(new SimulatorOptions(
                "kafka:29092", "events", "profiles", 5000, 2500, -7, 3, WireFormat.JSON,
                Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/x=y.jks")));
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndNonsense() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speed", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate", "fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--subscribers", "0"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--format", "auto"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--producer-property", "novalue"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
