package io.pulse.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest {
    private static final String SCRAM_JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"pulse-scoring\" password=%s;";

    @Test
    void aSecretWrittenOutIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(
                        () ->
                                KafkaClientSettings.of(
                                        "kafka:9093",
                                        Map.of("ssl.truststore.password", "changeit-42")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssl.truststore.password")
                .hasMessageContaining("${env:VARIABLE}")
                .hasMessageNotContaining("changeit-42");
        assertThatThrownBy(
                        () ->
                                KafkaClientSettings.of(
                                        "kafka:9093",
                                        Map.of(
                                                "sasl.jaas.config",
                                                String.format(SCRAM_JAAS, "\"s3cret\""))))
                .hasMessageContaining("sasl.jaas.config option password")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(
                        () ->
                                KafkaClientSettings.of(
                                        "kafka:9093",
                                        Map.of(
                                                "sasl.jaas.config",
                                                String.format(SCRAM_JAAS, "s3cret"))))
                .hasMessageContaining("sasl.jaas.config option password");
    }

    @Test
    void referencesAndSecretFreeValuesAreAccepted() {
        KafkaClientSettings settings =
                KafkaClientSettings.of(
                        "kafka:9093",
                        Map.of(
                                "security.protocol", "SASL_SSL",
                                "sasl.mechanism", "SCRAM-SHA-512",
                                "sasl.jaas.config",
                                        String.format(
                                                SCRAM_JAAS, "\"${env:PULSE_KAFKA_PASSWORD}\""),
                                "ssl.truststore.location", "/etc/pulse/tls/truststore.p12",
                                "ssl.truststore.password",
                                        "${dir:/etc/pulse/tls:truststore.password}",
                                "ssl.keystore.password",
                                        "${file:/etc/pulse/kafka-secrets.properties:keystore.password}"));
        assertThat(settings.securityProtocol()).isEqualTo("SASL_SSL");
        // Kerberos takes a key tab, no password: nothing to refuse
        KafkaClientSettings.of(
                "kafka:9093",
                Map.of(
                        "sasl.jaas.config",
                        "com.sun.security.auth.module.Krb5LoginModule required useKeyTab=true keyTab=\"/etc/pulse/pulse.keytab\""
                                + " principal=\"pulse@EXAMPLE.COM\";"));
    }

    @Test
    void theKafkaClientItselfResolvesTheReferences(@TempDir Path dir) throws IOException {
        Path secrets = dir.resolve("kafka-secrets.properties");
        Files.writeString(secrets, "keystore.password=from-a-file\n");
        Files.writeString(dir.resolve("truststore.password"), "from-a-mounted-secret");
        String path = System.getenv("PATH");
        KafkaClientSettings settings =
                KafkaClientSettings.of(
                        "kafka:9093",
                        Map.of(
                                "ssl.keystore.password",
                                        "${file:" + secrets + ":keystore.password}",
                                "ssl.truststore.password", "${dir:" + dir + ":truststore.password}",
                                "ssl.key.password", "${env:PATH}"));

        Properties properties = settings.clientProperties();
        properties.put("key.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        ConsumerConfig resolved = new ConsumerConfig(properties);

        assertThat(resolved.getPassword("ssl.keystore.password").value()).isEqualTo("from-a-file");
        assertThat(resolved.getPassword("ssl.truststore.password").value())
                .isEqualTo("from-a-mounted-secret");
        assertThat(resolved.getPassword("ssl.key.password").value()).isEqualTo(path);
        assertThat(resolved.getList("bootstrap.servers")).containsExactly("kafka:9093");
    }

    @Test
    void optionsReadThePropertiesFileThenTheSingleProperties(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file,
                "security.protocol=SSL\nssl.truststore.location=/etc/a.p12\nclient.rack=eu-1a\n");
        Map<String, String> options = new HashMap<>();
        options.put("kafka-properties", file.toString());
        options.put("kafka.ssl.truststore.location", "/etc/b.p12");
        options.put("group-id", "ignored here");

        KafkaClientSettings settings =
                KafkaClientSettings.fromOptions(
                        options,
                        Map.of("PULSE_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093"),
                        null);

        assertThat(settings.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(settings.properties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/b.p12")
                .containsEntry("client.rack", "eu-1a")
                .doesNotContainKey("group-id");
    }

    @Test
    void thePropertiesFileMayComeFromTheEnvironmentAndMustExist(@TempDir Path dir) {
        Map<String, String> env =
                Map.of("PULSE_KAFKA_PROPERTIES", dir.resolve("missing.properties").toString());
        assertThatThrownBy(() -> KafkaClientSettings.fromOptions(Map.of(), env, "localhost:9092"))
                .hasMessageContaining("cannot read Kafka client properties")
                .hasMessageContaining("missing.properties");
        assertThatThrownBy(() -> KafkaClientSettings.fromOptions(Map.of(), Map.of(), null))
                .hasMessageContaining("--bootstrap-servers")
                .hasMessageContaining("PULSE_BOOTSTRAP_SERVERS");
        assertThat(
                        KafkaClientSettings.fromOptions(Map.of(), Map.of(), "localhost:9092")
                                .securityProtocol())
                .isEqualTo("PLAINTEXT");
    }

    @Test
    void bootstrapServersAreAnOptionNotAProperty() {
        assertThatThrownBy(
                        () ->
                                KafkaClientSettings.of(
                                        "a:9092", Map.of("bootstrap.servers", "b:9092")))
                .hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void theTextOfTheSettingsHidesSecretPropertiesEvenAsReferences() {
        KafkaClientSettings settings =
                KafkaClientSettings.of(
                        "kafka:9093",
                        Map.of(
                                "security.protocol",
                                "SASL_SSL",
                                "sasl.jaas.config",
                                String.format(SCRAM_JAAS, "\"${env:PULSE_KAFKA_PASSWORD}\"")));
        assertThat(settings.toString())
                .contains("kafka:9093", "security.protocol=SASL_SSL", "sasl.jaas.config=[hidden]")
                .doesNotContain("pulse-scoring", "PULSE_KAFKA_PASSWORD", "config.providers");
    }

    @Test
    void ownConfigProvidersAreKept() {
        KafkaClientSettings settings =
                KafkaClientSettings.of(
                        "kafka:9093",
                        Map.of(
                                "config.providers",
                                "vault",
                                "config.providers.vault.class",
                                "com.example.VaultConfigProvider"));
        assertThat(settings.properties())
                .containsEntry("config.providers", "vault")
                .doesNotContainKey("config.providers.env.class");
    }
}
