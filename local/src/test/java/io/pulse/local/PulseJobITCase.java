package io.pulse.local;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Route;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.functions.ScoreSubscriberFunction;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.pulse.local.PulseTestKit.encode;
import static io.pulse.local.PulseTestKit.send;
import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.competitorContact;
import static io.pulse.scoring.TestEvents.complaint;
import static io.pulse.scoring.TestEvents.faultCleared;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole job end to end: a real Kafka broker, a Flink MiniCluster with RocksDB and incremental
 * checkpoints, and the committed output topics read back with read_committed.
 */
class PulseJobITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final String GROUP_ID = "pulse-it";
    private static PulseTopics topics;

    @TempDir static Path checkpoints;

    /** The task managers' local directories, where RocksDB keeps its instances. */
    @TempDir static Path localState;

    @BeforeAll
    static void setUp() throws Exception {
        topics = KAFKA.kit().createTopics("it", 1);
    }

    @Test
    void scoresAlertsAndDeadLettersReachTheCommittedTopics() throws Exception {
        byte[] garbage = {(byte) 0x9c, 0x01, 0x02, 0x03};
        byte[] unknownSymbol =
                ("{\"eventId\":\"j1\",\"subscriberId\":\"mass-1\",\"eventTime\":"
                                + at(1, 12)
                                + ",\"type\":\"SMS\",\"direction\":\"SIDEWAYS\"}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] jsonSms =
                ("{\"eventId\":\"j2\",\"subscriberId\":\"mass-1\",\"eventTime\":"
                                + at(1, 13)
                                + ",\"type\":\"SMS\",\"direction\":\"OUTGOING\"}")
                        .getBytes(StandardCharsets.UTF_8);
        SubscriberEvent negativeDuration =
                outgoingCall("bad-1", "mass-1", at(1, 14), CallScope.LOCAL, -5);

        try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
            send(
                    producer,
                    topics.profiles(),
                    "ka-1",
                    encode(profile("ka-1", Segment.KEY_ACCOUNT, DAY_0)));
            // ka-2 is one of the two lines of a customer account
            send(
                    producer,
                    topics.profiles(),
                    "ka-2",
                    encode(
                            SubscriberProfile.newBuilder(
                                            profile("ka-2", Segment.KEY_ACCOUNT, DAY_0))
                                    .setAccountId("acct-1")
                                    .build()));
            send(
                    producer,
                    topics.profiles(),
                    "ka-3",
                    encode(
                            SubscriberProfile.newBuilder(
                                            profile("ka-3", Segment.KEY_ACCOUNT, DAY_0))
                                    .setAccountId("acct-1")
                                    .build()));
        }
        JobClient job = startJob();
        try {
            // Events and profiles come from two sources, so which reaches a subscriber first is a
            // race: the events follow once the profiles are in state.
            KAFKA.kit().awaitGroupOffset(GROUP_ID, topics.profiles(), 3);
            // ka-3, the account's other line, reports first: lines report to their account's watch
            // through their scoring subtasks, in no order between them
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                send(producer, topics.events(), "ka-3", encode(sms("k3-1", "ka-3", at(0, 10))));
            }
            KAFKA.kit().awaitGroupOffset(GROUP_ID, topics.events(), 1);
            try (KafkaProducer<byte[], byte[]> producer = KAFKA.kit().producer()) {
                send(
                        producer,
                        topics.events(),
                        "ka-1",
                        encode(outgoingCall("k1", "ka-1", at(0, 9), CallScope.LOCAL, 600)));
                send(producer, topics.events(), "mass-2", encode(sms("m2-1", "mass-2", at(0, 9))));
                // several alert types at once: an overdue repair (timer) and its repair, a bill
                // past
                // its due date (timer), a satisfaction drop, a competitor approaching a key account
                send(
                        producer,
                        topics.events(),
                        "mixed-1",
                        encode(outgoingCall("x1", "mixed-1", at(0, 9), CallScope.LOCAL, 60)));
                send(
                        producer,
                        topics.events(),
                        "mixed-1",
                        encode(faultReport("x2", "mixed-1", at(0, 10), at(1, 9))));
                send(
                        producer,
                        topics.events(),
                        "mixed-1",
                        encode(
                                SubscriberEvent.newBuilder(bill("x3", "mixed-1", at(0, 11), 5_800))
                                        .setDueTime(at(2, 9))
                                        .build()));
                send(
                        producer,
                        topics.events(),
                        "mixed-1",
                        encode(
                                complaint(
                                        "x4", "mixed-1", at(0, 12), ComplaintCategory.NETWORK, 3)));
                send(
                        producer,
                        topics.events(),
                        "mixed-1",
                        encode(
                                complaint(
                                        "x5", "mixed-1", at(0, 13), ComplaintCategory.BILLING, 3)));
                send(
                        producer,
                        topics.events(),
                        "ka-2",
                        encode(competitorContact("x6", "ka-2", at(4, 9), "RivalTel")));
                for (int day = 0; day <= 5; day++) {
                    send(
                            producer,
                            topics.events(),
                            "mass-1",
                            encode(
                                    outgoingCall(
                                            "m1-" + day,
                                            "mass-1",
                                            at(day, 9),
                                            CallScope.LOCAL,
                                            600)));
                    if (day == 1) {
                        send(producer, topics.events(), "mass-1", garbage);
                        send(producer, topics.events(), "mass-1", unknownSymbol);
                        send(producer, topics.events(), "mass-1", jsonSms);
                        send(producer, topics.events(), "mass-1", encode(negativeDuration));
                        // a re-sent record must count once
                        send(
                                producer,
                                topics.events(),
                                "mass-1",
                                encode(
                                        outgoingCall(
                                                "m1-1", "mass-1", at(1, 9), CallScope.LOCAL, 600)));
                    }
                    if (day == 4) {
                        send(
                                producer,
                                topics.events(),
                                "ka-1",
                                encode(sms("k2", "ka-1", at(4, 10))));
                        send(
                                producer,
                                topics.events(),
                                "mixed-1",
                                encode(faultCleared("x7", "mixed-1", at(4, 11), "x2")));
                    }
                }
            }

            List<DeadLetter> deadLetters =
                    KAFKA.kit()
                            .readUntil(
                                    topics.deadLetters(),
                                    DeadLetter.class,
                                    list -> list.size() >= 3);
            List<ScoreUpdate> scores =
                    KAFKA.kit()
                            .readUntil(
                                    topics.scores(),
                                    ScoreUpdate.class,
                                    list ->
                                            list.stream()
                                                    .anyMatch(
                                                            s ->
                                                                    s.getSubscriberId()
                                                                                    .equals(
                                                                                            "mass-1")
                                                                            && s.getEventTime()
                                                                                    == at(5, 9)));
            List<Alert> alerts =
                    KAFKA.kit()
                            .readUntil(
                                    topics.alerts(),
                                    Alert.class,
                                    list ->
                                            list.size() >= EXPECTED_ALERTS.size()
                                                    && list.stream()
                                                            .map(PulseJobITCase::describe)
                                                            .collect(Collectors.toSet())
                                                            .containsAll(EXPECTED_ALERTS));

            assertAlerts(alerts);
            assertAccountCase(
                    KAFKA.kit()
                            .readUntil(
                                    topics.accountAlerts(),
                                    AccountAlert.class,
                                    list -> !list.isEmpty()));
            assertDeadLetters(deadLetters, garbage, unknownSymbol);
            assertScores(scores);
            assertRocksDbHasTheJobsDefaults();
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** subscriber, type and status of each alert the stream must raise, once each. */
    private static final Set<String> EXPECTED_ALERTS =
            Set.of(
                    "ka-1 ZERO_ACTIVITY OPEN",
                    "ka-1 ZERO_ACTIVITY RESOLVED",
                    "mixed-1 REPAIR_OVERDUE OPEN",
                    "mixed-1 REPAIR_OVERDUE RESOLVED",
                    "mixed-1 ARREARS OPEN",
                    "mixed-1 SATISFACTION_DROP OPEN",
                    "ka-2 COMPETITOR_CONTACT OPEN");

    private static String describe(Alert a) {
        return a.getSubscriberId() + " " + a.getType() + " " + a.getStatus();
    }

    private static void assertAlerts(List<Alert> alerts) {
        // every expected alert exactly once; nothing published twice
        assertThat(alerts.stream().map(PulseJobITCase::describe).filter(EXPECTED_ALERTS::contains))
                .containsExactlyInAnyOrderElementsOf(EXPECTED_ALERTS);
        assertThat(alerts)
                .extracting(a -> a.getAlertId() + "/" + a.getStatus() + "/" + a.getEventTime())
                .doesNotHaveDuplicates();
        Alert repair = only(alerts, "mixed-1 REPAIR_OVERDUE OPEN");
        assertThat(repair.getEventTime()).isEqualTo(at(1, 9));
        assertThat(repair.getRoute()).isEqualTo(Route.NETWORK_OPERATIONS);
        assertThat(only(alerts, "mixed-1 REPAIR_OVERDUE RESOLVED").getAlertId())
                .isEqualTo(repair.getAlertId());
        assertThat(only(alerts, "mixed-1 ARREARS OPEN").getRoute()).isEqualTo(Route.COLLECTIONS);
        assertThat(only(alerts, "mixed-1 SATISFACTION_DROP OPEN").getRoute())
                .isEqualTo(Route.CARE_CENTRE);
        Alert competitor = only(alerts, "ka-2 COMPETITOR_CONTACT OPEN");
        assertThat(competitor.getRoute()).isEqualTo(Route.ACCOUNT_MANAGER);
        assertThat(competitor.getReasons().get(0).getText()).isEqualTo("Approached by RivalTel");
        assertThat(competitor.getContactAllowed())
                .as("a line of an account: its manager gets the account's case")
                .isFalse();

        Alert open = only(alerts, "ka-1 ZERO_ACTIVITY OPEN");
        Alert resolved = only(alerts, "ka-1 ZERO_ACTIVITY RESOLVED");
        assertThat(open.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getSubscriberId()).isEqualTo("ka-1");
        assertThat(open.getEpisodeStart()).isEqualTo(at(0, 9));
        assertThat(open.getEventTime()).isEqualTo(at(0, 9) + 3 * DAY);
        assertThat(open.getAssignee()).isEqualTo("am-7");
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getEventTime()).isEqualTo(at(4, 10));
        assertThat(resolved.getOutcome()).isEqualTo("ACTIVITY_RESUMED");
    }

    /** ka-2's approach is its account's one case, on the account-alerts topic. */
    private static void assertAccountCase(List<AccountAlert> accountAlerts) {
        assertThat(accountAlerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getAccountId()).isEqualTo("acct-1");
                            assertThat(a.getType()).isEqualTo(AlertType.COMPETITOR_CONTACT);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getLines()).isEqualTo(2);
                            assertThat(a.getLineIds()).containsExactly("ka-2");
                            assertThat(a.getAssignee()).isEqualTo("am-7");
                            assertThat(a.getEventTime()).isEqualTo(at(4, 9));
                        });
    }

    private static void assertDeadLetters(
            List<DeadLetter> deadLetters, byte[] garbage, byte[] unknownSymbol) {
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters)
                .extracting(DeadLetter::getReason)
                .containsExactly("UNREADABLE", "UNREADABLE", "INVALID");
        assertThat(deadLetters.get(0).getValue().array()).isEqualTo(garbage);
        assertThat(deadLetters.get(1).getValue().array()).isEqualTo(unknownSymbol);
        assertThat(deadLetters.get(1).getDetail())
                .startsWith("field 'direction' is 'SIDEWAYS', expected one of");
        assertThat(deadLetters.get(2).getDetail())
                .isEqualTo("VOICE_CALL durationSec -5 is out of range [0, 86400]");
        assertThat(deadLetters)
                .allSatisfy(d -> assertThat(d.getSourceTopic()).isEqualTo(topics.events()));
    }

    private static void assertScores(List<ScoreUpdate> scores) {
        // The consumption model with the shipped weights: local minutes range 0..2700, SMS 0..600,
        // history extrapolated from at least 7 days to 90; churn = exp(-1.5 * y). The published
        // probability is a trained model's (the shipped members).
        ScoreUpdate mass1 = last(scores, "mass-1");
        double y1 = 1.00 * (60.0 * 90 / 7 / 2700) + 0.80 * (1.0 * 90 / 7 / 600);
        assertThat(consumption(mass1)).isCloseTo(Math.exp(-1.5 * y1), within(1e-9));
        assertThat(mass1.getChurnProbability()).isBetween(0.0, 1.0);
        assertThat(mass1.getModelScores())
                .extracting(m -> m.getModel())
                .containsExactly("boosted", "logistic", "consumption");
        assertThat(mass1.getModelVersion()).isEqualTo("sim-2026.12-2");
        assertThat(mass1.getSatisfaction()).isEqualTo(75.0);
        assertThat(mass1.getSegment()).isEqualTo(Segment.MASS);
        assertThat(mass1.getLifecycleStage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(scores.stream().filter(s -> s.getSubscriberId().equals("mass-1")))
                .as("one update per counted event: six calls and one message")
                .hasSize(7);

        ScoreUpdate ka1 = last(scores, "ka-1");
        double yKa = 1.00 * (10.0 * 90 / 7 / 2700) + 0.80 * (1.0 * 90 / 7 / 600);
        assertThat(consumption(ka1)).isCloseTo(Math.exp(-1.5 * yKa), within(1e-9));
        assertThat(ka1.getSatisfaction()).isEqualTo(80.0);
        assertThat(ka1.getSegment()).isEqualTo(Segment.KEY_ACCOUNT);
        assertThat(ka1.getLifecycleStage()).isEqualTo(LifecycleStage.MATURITY);
    }

    private static double consumption(ScoreUpdate score) {
        return score.getModelScores().stream()
                .filter(m -> m.getModel().equals("consumption"))
                .findFirst()
                .orElseThrow()
                .getProbability();
    }

    private static Alert only(List<Alert> alerts, String description) {
        return alerts.stream()
                .filter(a -> describe(a).equals(description))
                .findFirst()
                .orElseThrow();
    }

    private static ScoreUpdate last(List<ScoreUpdate> scores, String subscriber) {
        ScoreUpdate last = null;
        for (ScoreUpdate s : scores) {
            if (s.getSubscriberId().equals(subscriber)) {
                last = s;
            }
        }
        assertThat(last).as("a score for " + subscriber).isNotNull();
        return last;
    }

    /**
     * The options file RocksDB writes for the scoring operator's instance shows the defaults the
     * job sets (RocksDbDefaults) in every column family: they reach RocksDB from the job's own
     * configuration, with nothing set by the cluster.
     */
    private static void assertRocksDbHasTheJobsDefaults() throws IOException {
        List<Path> optionFiles;
        try (Stream<Path> files = Files.walk(localState)) {
            optionFiles =
                    files.filter(
                                    f ->
                                            f.getFileName().toString().startsWith("OPTIONS-")
                                                    && f.toString()
                                                            .contains(
                                                                    "CoBroadcastWithKeyedOperator"))
                            .toList();
        }
        assertThat(optionFiles).as("RocksDB options files of the scoring operator").isNotEmpty();
        for (Path file : optionFiles) {
            List<String> lines = Files.readAllLines(file).stream().map(String::trim).toList();
            assertThat(lines)
                    .as(file.toString())
                    .contains("[CFOptions \"" + ScoreSubscriberFunction.SUBSCRIBER + "\"]")
                    .filteredOn(l -> l.startsWith("filter_policy="))
                    .isNotEmpty()
                    .allMatch(l -> l.startsWith("filter_policy=bloomfilter"));
            assertThat(lines)
                    .filteredOn(l -> l.startsWith("level_compaction_dynamic_level_bytes="))
                    .isNotEmpty()
                    .allMatch(l -> l.endsWith("=true"));
        }
    }

    private JobClient startJob() throws Exception {
        Configuration conf = PulseTestKit.flinkConfiguration(checkpoints);
        conf.set(CoreOptions.TMP_DIRS, localState.toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        // every counted event publishes a score, so counts are exact
        PulseJob.build(env, KAFKA.kit().settings(topics, GROUP_ID), PulseTestKit.testConfig());
        return env.executeAsync("Pulse scoring (integration test)");
    }
}
