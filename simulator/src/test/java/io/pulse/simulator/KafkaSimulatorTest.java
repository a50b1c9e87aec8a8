package io.pulse.simulator;

import io.pulse.kafka.KafkaClientSettings;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSimulatorTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Clock FROZEN_CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final SimulatorOptions OPTIONS =
            SimulatorOptions.defaults(KafkaClientSettings.plaintext("unused:9092"))
                    .withSubscribers(50)
                    .withBackfillDays(1)
                    .withEventsPerSecond(1_000_000);

    @Test
    void sendsProfilesFirstThenEventsUpToTheWallClock() throws Exception {
        MockProducer<byte[], byte[]> producer = mockProducer();
        List<ProducerRecord<byte[], byte[]>> sent = runUntilCaughtUp(OPTIONS, producer);

        List<ProducerRecord<byte[], byte[]>> profiles = sent.subList(0, 50);
        List<ProducerRecord<byte[], byte[]>> events = sent.subList(50, sent.size());
        RecordCodec<SubscriberProfile> profileCodec =
                WireFormat.AVRO.codec(SubscriberProfile.class);
        for (ProducerRecord<byte[], byte[]> record : profiles) {
            assertThat(record.topic()).isEqualTo("subscriber-profiles");
            SubscriberProfile profile = profileCodec.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(profile.getSubscriberId());
        }
        long start = Instant.parse("2026-03-09T00:00:00Z").toEpochMilli();
        RecordCodec<SubscriberEvent> eventCodec = WireFormat.AVRO.codec(SubscriberEvent.class);
        long previous = start;
        for (ProducerRecord<byte[], byte[]> record : events) {
            assertThat(record.topic()).isEqualTo("subscriber-events");
            SubscriberEvent event = eventCodec.decode(record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(event.getSubscriberId());
            assertThat(record.timestamp())
                    .isEqualTo(event.getEventTime())
                    .isGreaterThanOrEqualTo(previous);
            previous = event.getEventTime();
        }
        // A day and a half of 50 subscribers' traffic, nothing in the future.
        assertThat(events).hasSizeGreaterThan(1000);
        assertThat(previous)
                .isLessThanOrEqualTo(NOW.toEpochMilli())
                .isGreaterThan(NOW.toEpochMilli() - 3_600_000L);
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void sendsTheSameEventsAsTheSimulatorInJsonWhenAsked() throws Exception {
        List<ProducerRecord<byte[], byte[]>> sent =
                runUntilCaughtUp(OPTIONS.withFormat(WireFormat.JSON), mockProducer());

        long start = Instant.parse("2026-03-09T00:00:00Z").toEpochMilli();
        SubscriberSimulator simulator = new SubscriberSimulator(50, 42, start);
        List<SubscriberEvent> expected = simulator.nextHour().events();
        RecordCodec<SubscriberEvent> json = WireFormat.JSON.codec(SubscriberEvent.class);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(json.decode(sent.get(50 + i).value())).isEqualTo(expected.get(i));
        }
    }

    @Test
    void aFailedSendStopsTheRun() {
        MockProducer<byte[], byte[]> producer = mockProducer();
        producer.sendException = new KafkaException("broker gone");
        KafkaSimulator simulator = new KafkaSimulator(OPTIONS, producer, FROZEN_CLOCK);

        assertThatThrownBy(simulator::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broker gone");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void closingBeforeRunningClosesTheProducerAndRunsNothing() {
        MockProducer<byte[], byte[]> producer = mockProducer();
        KafkaSimulator simulator = new KafkaSimulator(OPTIONS, producer, FROZEN_CLOCK);

        simulator.close();
        simulator.close();

        assertThat(producer.closed()).isTrue();
        assertThatThrownBy(simulator::run).isInstanceOf(IllegalStateException.class);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void producerSettingsAreSafeAndExtraPropertiesOverrideThem() {
        Map<String, Object> config =
                KafkaSimulator.producerConfig(
                        OPTIONS.withKafka(
                                KafkaClientSettings.of(
                                        "unused:9092",
                                        Map.of(
                                                "security.protocol",
                                                "SASL_SSL",
                                                ProducerConfig.LINGER_MS_CONFIG,
                                                "20"))));

        assertThat(config)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    private static MockProducer<byte[], byte[]> mockProducer() {
        return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Runs the simulator in a thread until it waits for the wall clock, then closes it. */
    private static List<ProducerRecord<byte[], byte[]>> runUntilCaughtUp(
            SimulatorOptions options, MockProducer<byte[], byte[]> producer)
            throws InterruptedException {
        KafkaSimulator simulator = new KafkaSimulator(options, producer, FROZEN_CLOCK);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner =
                new Thread(
                        () -> {
                            try {
                                simulator.run();
                            } catch (Throwable t) {
                                failure.set(t);
                            }
                        });
        runner.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!simulator.caughtUp() && runner.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(simulator.caughtUp()).isTrue();
        simulator.close();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThat(simulator.eventsSent())
                .isEqualTo(producer.history().size() - options.subscribers());
        return producer.history();
    }
}
