package io.pulse.local;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.scoring.PulseJob;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event time through a real broker: a partition that receives nothing does not hold event time back
 * once it is idle, so a silence is detected by its timer alone; an event older than the allowed
 * lateness goes to the dead-letter topic as LATE with its original bytes; a re-sent event counts
 * once.
 */
class EventTimeITCase {
    private static final String GROUP_ID = "pulse-event-time";

    @TempDir Path checkpoints;

    @Test
    void anIdlePartitionDoesNotStallEventTimeAndLateEventsAreDeadLettered() throws Exception {
        SubscriberEvent late = outgoingCall("b-late", "busy-1", at(2, 9), CallScope.LOCAL, 60);
        byte[] lateBytes = encode(late);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            PulseTestKit kit = new PulseTestKit(kafka.bootstrapServers());
            PulseTopics topics = kit.createTopics("time", 2);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(
                            2, PulseTestKit.flinkConfiguration(checkpoints));
            PulseJob.build(env, kit.settings(topics, GROUP_ID), PulseTestKit.testConfig());
            JobClient job = env.executeAsync("Pulse scoring (event time)");
            try (KafkaProducer<byte[], byte[]> producer = kit.producer()) {
                // everything on partition 0: partition 1 stays empty
                send(producer, topics.events(), "quiet-1", encode(sms("q-1", "quiet-1", at(0, 9))));
                for (int day = 0; day <= 10; day++) {
                    send(
                            producer,
                            topics.events(),
                            "busy-1",
                            encode(
                                    outgoingCall(
                                            "b-" + day,
                                            "busy-1",
                                            at(day, 10),
                                            CallScope.LOCAL,
                                            60)));
                }
                send(producer, topics.events(), "busy-1", lateBytes);
                send(
                        producer,
                        topics.events(),
                        "busy-1",
                        encode(outgoingCall("b-10", "busy-1", at(10, 10), CallScope.LOCAL, 60)));
            }
            try {
                List<Alert> alerts =
                        kit.readUntil(
                                topics.alerts(),
                                Alert.class,
                                list ->
                                        list.stream()
                                                .anyMatch(
                                                        a ->
                                                                a.getSubscriberId()
                                                                        .equals("quiet-1")));
                List<DeadLetter> deadLetters =
                        kit.readUntil(
                                topics.deadLetters(), DeadLetter.class, list -> !list.isEmpty());
                List<ScoreUpdate> scores =
                        kit.readUntil(
                                topics.scores(), ScoreUpdate.class, list -> list.size() >= 12);

                Alert silence =
                        alerts.stream()
                                .filter(a -> a.getSubscriberId().equals("quiet-1"))
                                .findFirst()
                                .orElseThrow();
                assertThat(silence.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
                assertThat(silence.getStatus()).isEqualTo(AlertStatus.OPEN);
                assertThat(silence.getEventTime())
                        .as("raised by the timer at the due time")
                        .isEqualTo(at(0, 9) + 7 * DAY);

                assertThat(deadLetters)
                        .singleElement()
                        .satisfies(
                                d -> {
                                    assertThat(d.getReason()).isEqualTo("LATE");
                                    assertThat(d.getDetail()).contains("more than 48 h older");
                                    assertThat(d.getValue().array()).isEqualTo(lateBytes);
                                    assertThat(
                                                    new String(
                                                            d.getKey().array(),
                                                            StandardCharsets.UTF_8))
                                            .isEqualTo("busy-1");
                                });
                assertThat(scores)
                        .as(
                                "one score per counted event: the re-sent and the late one are not counted")
                        .hasSize(12);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, 0, key.getBytes(StandardCharsets.UTF_8), value));
    }
}
