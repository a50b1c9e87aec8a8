package io.pulse.local;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.Reason;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.simulator.GroundTruthFiles;
import io.pulse.simulator.SubscriberTruth;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what the job writes, as a downstream system would ({@code read_committed}, from the
 * beginning): prints one line per alert and per dead letter, and counts alerts, score updates and
 * dead letters for the progress line. One consumer thread for the three topics.
 */
final class OutputConsole implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputConsole.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** Dead letters printed in full; after that they are only counted. */
    private static final int DEAD_LETTER_LINES = 50;

    private static final long CHURN_WINDOW_MILLIS = 60 * 86_400_000L;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final PulseTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PrintStream out;
    private final boolean alertLines;
    private final Thread thread;
    private final long startNanos;

    private final RecordCodec<Alert> alertCodec = WireFormat.AUTO.codec(Alert.class);
    private final RecordCodec<DeadLetter> deadLetterCodec = WireFormat.AUTO.codec(DeadLetter.class);

    private final AtomicLong alerts = new AtomicLong();
    private final Map<AlertStatus, AtomicLong> alertsByStatus = new EnumMap<>(AlertStatus.class);
    private final AtomicLong scores = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile long firstAlertNanos = -1;

    /** Where the simulator wrote the run's ground truth; null without a simulator. */
    private final Path truthDirectory;

    private Map<String, SubscriberTruth> truth;
    private final Set<String> churnRisk = ConcurrentHashMap.newKeySet();
    private final Set<String> churnRiskLeaving = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private boolean started;

    OutputConsole(
            String bootstrapServers,
            PulseTopics topics,
            PrintStream out,
            boolean alertLines,
            long startNanos,
            Path truthDirectory) {
        this.truthDirectory = truthDirectory;
        this.topics = topics;
        this.out = out;
        this.alertLines = alertLines;
        this.startNanos = startNanos;
        for (AlertStatus status : AlertStatus.values()) {
            alertsByStatus.put(status, new AtomicLong());
        }
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "pulse-local-console");
        properties.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        properties.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(properties);
        this.thread = new Thread(this::run, "pulse-local-console");
        this.thread.setDaemon(true);
    }

    void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.alerts(), topics.scores(), topics.deadLetters())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        started = true;
    }

    long alerts() {
        return alerts.get();
    }

    long alerts(AlertStatus status) {
        return alertsByStatus.get(status).get();
    }

    long scores() {
        return scores.get();
    }

    long deadLetters() {
        return deadLetters.get();
    }

    /** Seconds from the start of the run to the first alert read, or -1. */
    double secondsToFirstAlert() {
        long first = firstAlertNanos;
        return first < 0 ? -1 : (first - startNanos) / 1e9;
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String topic = record.topic();
                    if (topic.equals(topics.alerts())) {
                        onAlert(record);
                    } else if (topic.equals(topics.scores())) {
                        scores.incrementAndGet();
                    } else if (topic.equals(topics.deadLetters())) {
                        onDeadLetter(record);
                    }
                }
            }
        } catch (WakeupException | InterruptException e) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("The console consumer stopped: {}", e.toString());
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void onAlert(ConsumerRecord<byte[], byte[]> record) {
        long n = alerts.incrementAndGet();
        if (n == 1) {
            firstAlertNanos = System.nanoTime();
        }
        Alert alert;
        try {
            alert = alertCodec.decode(record.value());
        } catch (CodecException | RuntimeException e) {
            print("[alert] (unreadable: " + e.getMessage() + ") " + preview(record.value()));
            return;
        }
        alertsByStatus.get(alert.getStatus()).incrementAndGet();
        if (n == 1) {
            print(String.format("[first alert %.0f s after start]", secondsToFirstAlert()));
        }
        String verdict =
                alert.getType() == AlertType.CHURN_RISK && alert.getStatus() == AlertStatus.OPEN
                        ? truthOf(alert)
                        : "";
        if (alertLines) {
            print(alertLine(alert) + verdict);
        }
    }

    /**
     * What the run's ground truth says of a CHURN_RISK subscriber, for its line: whether and when
     * it leaves. Counted for the summary: subscribers flagged, and those of them who leave within
     * 60 days.
     */
    private String truthOf(Alert alert) {
        if (truthDirectory == null) {
            return "";
        }
        if (truth == null) {
            truth = new HashMap<>();
            GroundTruthFiles.readSubscribers(truthDirectory)
                    .forEach(t -> truth.put(t.subscriberId(), t));
        }
        SubscriberTruth t = truth.get(alert.getSubscriberId());
        if (t == null) {
            return "";
        }
        churnRisk.add(t.subscriberId());
        if (!t.leaves() || t.churn().until() > alert.getEventTime() + CHURN_WINDOW_MILLIS) {
            return " | truth: stays"
                    + (t.leaves()
                            ? " (leaves "
                                    + DAY.format(Instant.ofEpochMilli(t.churn().until()))
                                    + ")"
                            : "");
        }
        churnRiskLeaving.add(t.subscriberId());
        return " | truth: leaves "
                + DAY.format(Instant.ofEpochMilli(t.churn().until()))
                + ", "
                + t.churn().cause().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Subscribers CHURN_RISK was opened for, and how many of them the truth says leave within 60
     * days of it.
     */
    int[] churnRiskAgainstTheTruth() {
        return new int[] {churnRisk.size(), churnRiskLeaving.size()};
    }

    private void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        long n = deadLetters.incrementAndGet();
        if (n > DEAD_LETTER_LINES) {
            if (n == DEAD_LETTER_LINES + 1) {
                print("[dead letter] more dead letters: counted in the progress line only");
            }
            return;
        }
        try {
            print(deadLetterLine(deadLetterCodec.decode(record.value())));
        } catch (CodecException | RuntimeException e) {
            print("[dead letter] (unreadable: " + e.getMessage() + ") " + preview(record.value()));
        }
    }

    /**
     * One readable line per alert: time, status, type, subscriber, segment/tier, priority, route,
     * first reason.
     */
    static String alertLine(Alert a) {
        String route = a.getRoute() + (a.getAssignee() != null ? " " + a.getAssignee() : "");
        String reason = a.getReasons().isEmpty() ? "" : first(a.getReasons()).getText();
        String outcome = a.getOutcome() != null ? " outcome " + a.getOutcome() : "";
        return String.format(
                "[alert] %s %-8s %-18s %-14s %s/%s P%d -> %s | churn %.2f sat %.0f | %s%s",
                TIME.format(Instant.ofEpochMilli(a.getEventTime())),
                a.getStatus(),
                a.getType(),
                a.getSubscriberId(),
                a.getSegment(),
                a.getValueTier(),
                a.getPriority(),
                route,
                a.getChurnProbability(),
                a.getSatisfaction(),
                reason,
                outcome);
    }

    static String deadLetterLine(DeadLetter d) {
        return String.format(
                "[dead letter] %s %s[%d]@%d key=%s: %s | value: %s",
                d.getReason(),
                d.getSourceTopic(),
                d.getSourcePartition(),
                d.getSourceOffset(),
                d.getKey() == null ? "null" : preview(bytes(d.getKey())),
                d.getDetail(),
                d.getValue() == null ? "null" : preview(bytes(d.getValue())));
    }

    private static Reason first(List<Reason> reasons) {
        return reasons.get(0);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The first bytes as text, non-printable characters escaped. */
    static String preview(byte[] value) {
        if (value == null) {
            return "null";
        }
        String text = new String(value, 0, Math.min(value.length, 120), StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            b.append(c >= 0x20 && c != 0x7f && c != '\uFFFD' ? String.valueOf(c) : ".");
        }
        return value.length > 120 ? b + "..." : b.toString();
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (started) {
            consumer.wakeup();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } else {
            consumer.close(Duration.ZERO);
        }
    }
}
