package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.codec.WireFormat;

import org.junit.jupiter.api.Test;

import java.util.Map;

class SimulatorMainTest {

    @Test
    void withoutArgumentsEverythingIsDefault() {
        assertThat(SimulatorMain.parse(new String[0], Map.of()))
                .isEqualTo(SimulatorOptions.defaults(KafkaClientSettings.plaintext("localhost:9092")));
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
            "--kafka.security.protocol", "SSL",
            "--kafka.ssl.truststore.location=/etc/x=y.jks"
        }, Map.of());

        assertThat(options).isEqualTo(new SimulatorOptions(
                KafkaClientSettings.of("kafka:29092",
                        Map.of("security.protocol", "SSL", "ssl.truststore.location", "/etc/x=y.jks")),
                "events", "profiles", 5000, 2500, -7, 3, WireFormat.JSON));
    }

    @Test
    void kafkaSettingsFallBackToTheJobsEnvironmentVariables() {
        SimulatorOptions options = SimulatorMain.parse(new String[0], Map.of("PULSE_BOOTSTRAP_SERVERS", "kafka:9093"));
        assertThat(options.kafka().bootstrapServers()).isEqualTo("kafka:9093");
    }

    @Test
    void rejectsUnknownOptionsMissingValuesAndNonsense() {
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--speed", "3"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--speed");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--rate", "fast"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--subscribers", "0"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--format", "auto"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--kafka.ssl.key.password", "plain"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ssl.key.password");
    }
}
