package io.pulse.local.replay;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.schema.codec.CodecException;
import io.pulse.schema.codec.PlainJsonCodec;
import io.pulse.schema.codec.RecordCodec;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.control.ControlSlot;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.IdleWatermarks;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.PulsePipeline;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.model.ModelArtifacts;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.java.tuple.Tuple4;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.function.SerializableFunction;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One replay of a history through the scoring job's topology ({@link PulsePipeline}: the job's
 * deserializer, watermarks, scoring operator with its state and timers) on a local Flink cluster at
 * parallelism 1, in event time, with the job's outputs written to local files instead of Kafka:
 * every alert, and each score as (subscriber, event time, churn probability, value tier).
 */
final class ReplayRun {

    /** What the job published for the history. */
    record Output(
            List<Alert> alerts,
            List<NetworkIncident> incidents,
            List<AccountAlert> accountAlerts,
            Map<String, ValueTier> tiers,
            long events,
            long scores,
            double seconds) {}

    private ReplayRun() {}

    /**
     * Replays {@code history}, writing every alert to {@code alertsFile} (JSON lines) and every
     * score to a file beside it, which is handed to {@code scores} line by line once the job has
     * finished (there are about as many as events: too many to keep) and then deleted. With a
     * {@code challenger} (or null), the job scores it in shadow as it would once published, and its
     * probability on each score goes to {@code challengerScores}. {@code knownIncidents} stand for
     * the incidents topic the job reads back: those of an earlier run of the same history (the same
     * events find the same incidents), or none.
     */
    static Output run(
            Path history,
            ScoringConfig config,
            ModelArtifact models,
            ModelArtifact challenger,
            String stateBackend,
            Path alertsFile,
            List<NetworkIncident> knownIncidents,
            Consumer<Tuple4<String, Long, Double, String>> scores,
            Consumer<Tuple4<String, Long, Double, String>> challengerScores)
            throws Exception {
        long events = HistoryFiles.countEvents(history);
        List<SubscriberProfile> profiles = HistoryFiles.readProfiles(history);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(configuration(stateBackend));
        PulseJob.applyInvariants(env);

        DataStream<Decoded<SubscriberEvent>> eventStream =
                env.fromSequence(0, events - 1)
                        .name("History records")
                        .uid("replay-indexes")
                        .flatMap(new HistoryEvents(history))
                        .returns(Decoded.typeInfo(SubscriberEvent.class))
                        .name("Decode history events")
                        .uid("replay-decode")
                        .assignTimestampsAndWatermarks(PulseJob.eventWatermarks(config))
                        .name("Event watermarks")
                        .uid("replay-watermarks");
        List<Decoded<SubscriberProfile>> decodedProfiles =
                profiles.stream().map(Decoded::of).toList();
        DataStream<Decoded<SubscriberProfile>> profileStream =
                env.fromData(decodedProfiles, Decoded.typeInfo(SubscriberProfile.class))
                        .name("History profiles")
                        .uid("replay-profiles")
                        .assignTimestampsAndWatermarks(IdleWatermarks.forProfiles())
                        .name("Profile watermarks")
                        .uid("replay-profile-watermarks");
        PulsePipeline.Outputs outputs =
                PulsePipeline.build(
                        eventStream,
                        profileStream,
                        PulsePipeline.noControl(env),
                        readBack(env, knownIncidents),
                        versions(config, models, challenger),
                        HistoryEvents.TOPIC);
        Path scoresFile = alertsFile.resolveSibling(alertsFile.getFileName() + ".scores.csv");
        outputs.alerts()
                .sinkTo(new LineFileSink<>(alertsFile, () -> json(Alert.class)))
                .name("Alerts to a file")
                .uid("replay-alerts");
        outputs.scores()
                .sinkTo(new LineFileSink<>(scoresFile, ReplayRun::scoreCsv))
                .name("Scores to a file")
                .uid("replay-scores");
        Path incidentsFile =
                alertsFile.resolveSibling(alertsFile.getFileName() + ".incidents.jsonl");
        outputs.incidents()
                .sinkTo(new LineFileSink<>(incidentsFile, () -> json(NetworkIncident.class)))
                .name("Network incidents to a file")
                .uid("replay-incidents");
        Path accountAlertsFile =
                alertsFile.resolveSibling(alertsFile.getFileName() + ".accounts.jsonl");
        outputs.accountAlerts()
                .sinkTo(new LineFileSink<>(accountAlertsFile, () -> json(AccountAlert.class)))
                .name("Account alerts to a file")
                .uid("replay-account-alerts");
        outputs.deadLetters()
                .sinkTo(new DiscardingSink<>())
                .name("Discard dead letters")
                .uid("replay-dead-letters");

        long began = System.nanoTime();
        env.execute("Pulse replay of " + history.getFileName());
        double seconds = (System.nanoTime() - began) / 1e9;

        Map<String, ValueTier> tiers = new HashMap<>();
        long scoreCount = 0;
        try (BufferedReader reader = Files.newBufferedReader(scoresFile, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",", -1);
                Tuple4<String, Long, Double, String> score =
                        Tuple4.of(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), f[3]);
                tiers.put(score.f0, ValueTier.valueOf(score.f3));
                scores.accept(score);
                if (!f[4].isEmpty()) {
                    challengerScores.accept(
                            Tuple4.of(score.f0, score.f1, Double.parseDouble(f[4]), score.f3));
                }
                scoreCount++;
            }
        }
        Files.delete(scoresFile);
        List<Alert> alerts = readJsonLines(alertsFile, Alert.class);
        List<NetworkIncident> incidents = readJsonLines(incidentsFile, NetworkIncident.class);
        Files.delete(incidentsFile);
        List<AccountAlert> accountAlerts = readJsonLines(accountAlertsFile, AccountAlert.class);
        Files.delete(accountAlertsFile);
        return new Output(alerts, incidents, accountAlerts, tiers, events, scoreCount, seconds);
    }

    private static DataStream<Decoded<NetworkIncident>> readBack(
            StreamExecutionEnvironment env, List<NetworkIncident> incidents) {
        if (incidents.isEmpty()) {
            return PulsePipeline.noIncidents(env);
        }
        return env.fromData(
                        incidents.stream().map(Decoded::of).toList(),
                        Decoded.typeInfo(NetworkIncident.class))
                .setParallelism(1)
                .name("Incidents of the earlier run")
                .uid("replay-known-incidents")
                .assignTimestampsAndWatermarks(IdleWatermarks.forIncidents())
                .setParallelism(1)
                .name("Incident watermarks")
                .uid("replay-incident-watermarks");
    }

    private static <T extends SpecificRecord> SerializableFunction<T, String> json(Class<T> type) {
        PlainJsonCodec<T> codec = new PlainJsonCodec<>(type);
        return codec::toJson;
    }

    private static <T extends SpecificRecord> List<T> readJsonLines(Path file, Class<T> type)
            throws IOException, CodecException {
        RecordCodec<T> codec = WireFormat.JSON.codec(type);
        List<T> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            records.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static SerializableFunction<ScoreUpdate, String> scoreCsv() {
        return s ->
                s.getSubscriberId()
                        + ","
                        + s.getEventTime()
                        + ","
                        + s.getChurnProbability()
                        + ","
                        + s.getValueTier()
                        + ","
                        + (s.getChallenger() == null
                                ? ""
                                : s.getChallenger().getChurnProbability());
    }

    /** The files, and the challenger as if published on the control topic. */
    private static LiveVersions versions(
            ScoringConfig config, ModelArtifact models, ModelArtifact challenger) {
        LiveVersions start = LiveVersions.atStart(config, models);
        if (challenger == null) {
            return start;
        }
        LiveVersions.Decision decision =
                start.consider(
                        ControlArtifact.of(
                                ControlSlot.CHALLENGER,
                                challenger.version(),
                                ModelArtifacts.toJson(challenger)
                                        .getBytes(StandardCharsets.UTF_8)));
        if (!decision.accepted()) {
            throw new IllegalArgumentException(
                    "the challenger " + challenger.version() + ": " + decision.reason());
        }
        return decision.versions();
    }

    private static Configuration configuration(String stateBackend) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CoreOptions.DEFAULT_PARALLELISM, 1);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, 1);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }
}
