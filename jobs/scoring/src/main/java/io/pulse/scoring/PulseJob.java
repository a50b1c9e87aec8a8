package io.pulse.scoring;

import io.pulse.kafka.KafkaConnectionCheck;
import io.pulse.schema.AccountAlert;
import io.pulse.schema.Alert;
import io.pulse.schema.DeadLetter;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.config.ScoringConfig.SubscriberIdForm;
import io.pulse.scoring.control.ControlAnswers;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.kafka.DecodingDeserializer;
import io.pulse.scoring.kafka.KeyedRecordSerializer;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.privacy.Pseudonymisation;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.scoring.validation.EventValidator;
import io.pulse.scoring.validation.ProfileValidator;
import io.pulse.scoring.validation.RecordValidator;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The Pulse scoring job: subscriber events and profiles from Kafka, scores, alerts and dead letters
 * to Kafka, exactly once; configurations and models published on the control topic applied while it
 * runs, and answered on the acknowledgement topic.
 *
 * <p>Runtime settings (state backend, checkpoint interval and storage, restart strategy) come from
 * the Flink configuration of the deployment; what savepoint compatibility depends on is fixed here.
 */
public final class PulseJob {
    /** Fixed forever: the number of key groups state is split into. */
    public static final int MAX_PARALLELISM = 720;

    private PulseJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool arguments = ParameterTool.fromArgs(args);
        if (arguments.has("help")) {
            System.out.print(PulseSettings.usage());
            return;
        }
        PulseSettings settings = PulseSettings.from(arguments, System.getenv());
        ScoringConfig config = ScoringConfig.load(Path.of(settings.configPath()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, settings, config);
        // after everything local has been checked: a bad file is reported before a missing broker
        KafkaConnectionCheck.check(
                settings.kafka(), settings.topics(), KafkaConnectionCheck.DEFAULT_TIMEOUT);
        env.execute("Pulse scoring");
    }

    /**
     * Adds the whole job, sources to sinks, to the environment. Loads the churn model file named in
     * the configuration first and builds the scorer every subtask builds from both: a missing,
     * broken or mismatched file, or a rule the configuration cannot make (an unknown anomaly
     * measure), stops the job here, at start, not in a restart loop of its tasks.
     */
    public static void build(
            StreamExecutionEnvironment env, PulseSettings settings, ScoringConfig config) {
        ModelArtifact churnModels = ChurnScorer.loadModels(config);
        new SubscriberScorer(config, churnModels);
        applyInvariants(env);
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            throw new IllegalStateException(
                    "checkpointing is off: set execution.checkpointing.interval; the Kafka sinks commit on checkpoints");
        }
        DataStream<Decoded<SubscriberEvent>> events =
                env.fromSource(
                                source(
                                        settings,
                                        settings.eventsTopic(),
                                        SubscriberEvent.class,
                                        new EventValidator()),
                                eventWatermarks(config),
                                "Subscriber events")
                        .uid(OperatorIds.EVENTS_SOURCE);
        DataStream<Decoded<SubscriberProfile>> profiles =
                env.fromSource(
                                source(
                                        settings,
                                        settings.profilesTopic(),
                                        SubscriberProfile.class,
                                        new ProfileValidator()),
                                IdleWatermarks.forProfiles(),
                                "Subscriber profiles")
                        .uid(OperatorIds.PROFILES_SOURCE);

        DataStream<Decoded<ControlRecord>> control =
                env.fromSource(
                                controlSource(settings),
                                IdleWatermarks.forControl(),
                                "Control: configurations and models")
                        .setParallelism(1)
                        .uid(OperatorIds.CONTROL_SOURCE);
        DataStream<Decoded<NetworkIncident>> knownIncidents =
                env.fromSource(
                                incidentsSource(settings),
                                IdleWatermarks.forIncidents(),
                                "Network incidents read back")
                        .setParallelism(1)
                        .uid(OperatorIds.INCIDENTS_SOURCE);

        PulsePipeline.Outputs outputs =
                PulsePipeline.build(
                        events,
                        profiles,
                        control,
                        knownIncidents,
                        LiveVersions.atStart(config, churnModels),
                        settings.eventsTopic());

        outputs.scores()
                .sinkTo(
                        sink(
                                settings,
                                settings.scoresTopic(),
                                ScoreUpdate.class,
                                settings.outputFormat(),
                                "scores",
                                s -> utf8(s.getSubscriberId()),
                                pseudonymised(
                                        config.outputs().scores(),
                                        settings,
                                        Pseudonymisation::ofScores)))
                .name("Subscriber scores to Kafka")
                .uid(OperatorIds.SCORES_SINK);
        outputs.alerts()
                .sinkTo(
                        sink(
                                settings,
                                settings.alertsTopic(),
                                Alert.class,
                                settings.outputFormat(),
                                "alerts",
                                a -> utf8(a.getSubscriberId()),
                                pseudonymised(
                                        config.outputs().alerts(),
                                        settings,
                                        Pseudonymisation::ofAlerts)))
                .name("Subscriber alerts to Kafka")
                .uid(OperatorIds.ALERTS_SINK);
        outputs.deadLetters()
                .sinkTo(
                        sink(
                                settings,
                                settings.deadLettersTopic(),
                                DeadLetter.class,
                                settings.outputFormat(),
                                "dead-letters",
                                PulseJob::originalKey,
                                null))
                .name("Dead letters to Kafka")
                .uid(OperatorIds.DEAD_LETTERS_SINK);
        outputs.incidents()
                .sinkTo(
                        sink(
                                settings,
                                settings.incidentsTopic(),
                                NetworkIncident.class,
                                settings.outputFormat(),
                                "incidents",
                                i -> utf8(i.getArea()),
                                null))
                .name("Network incidents to Kafka")
                .uid(OperatorIds.INCIDENTS_SINK);
        outputs.accountAlerts()
                .sinkTo(
                        sink(
                                settings,
                                settings.accountAlertsTopic(),
                                AccountAlert.class,
                                settings.outputFormat(),
                                "account-alerts",
                                a -> utf8(a.getAccountId()),
                                pseudonymised(
                                        config.outputs().alerts(),
                                        settings,
                                        Pseudonymisation::ofAccountAlerts)))
                .name("Account alerts to Kafka")
                .uid(OperatorIds.ACCOUNT_ALERTS_SINK);
        outputs.controlAcks()
                .sinkTo(
                        sink(
                                settings,
                                settings.controlAcksTopic(),
                                ControlAck.class,
                                WireFormat.AVRO,
                                "control-acks",
                                a -> utf8(ControlAnswers.key(a)),
                                null))
                .setParallelism(1)
                .name("Control answers to Kafka")
                .uid(OperatorIds.CONTROL_ACKS_SINK);
    }

    /**
     * The control topic, read whole from its start when the job starts without state (the compacted
     * topic holds the latest version of each slot) and from its checkpointed offsets after a
     * restart. Pulse's own protocol: Avro binary whatever the data formats; a malformed version is
     * answered by the scoring operator, not dead-lettered.
     */
    private static KafkaSource<Decoded<ControlRecord>> controlSource(PulseSettings settings) {
        return fromTheStart(
                settings,
                settings.controlTopic(),
                new DecodingDeserializer<>(
                        ControlRecord.class, WireFormat.AVRO, (record, now) -> null));
    }

    /**
     * The job's own incidents topic, read back so that the scoring operator knows the open
     * incidents: from the start without state (incidents resolved long ago are forgotten as they
     * are read), in the job's output format.
     */
    private static KafkaSource<Decoded<NetworkIncident>> incidentsSource(PulseSettings settings) {
        return fromTheStart(
                settings,
                settings.incidentsTopic(),
                new DecodingDeserializer<>(
                        NetworkIncident.class,
                        settings.outputFormat(),
                        (record, now) -> null,
                        settings.unknownJsonFields(),
                        settings.schemaRegistryUrl()));
    }

    /**
     * A topic read whole from its start when the job starts without state and from its checkpointed
     * offsets after a restart, committed records only (a transactional writer's record counts once
     * its transaction commits).
     */
    private static <T extends SpecificRecord> KafkaSource<Decoded<T>> fromTheStart(
            PulseSettings settings, String topic, DecodingDeserializer<T> deserializer) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(settings.kafka().bootstrapServers())
                .setProperties(settings.kafka().clientProperties())
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(deserializer)
                .build();
    }

    /**
     * Settings that savepoints, the no-Kryo rule and the functions' object handling depend on, not
     * left to the deployment; then {@link RocksDbDefaults} for the RocksDB keys the deployment
     * leaves unset.
     */
    public static void applyInvariants(StreamExecutionEnvironment env) {
        Configuration invariants = new Configuration();
        invariants.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        invariants.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        invariants.set(PipelineOptions.GENERIC_TYPES, false);
        // Safe: every function of the job emits fresh objects and keeps none of its inputs, and
        // Flink's network inputs never reuse; this only spares the deep copy between chained
        // operators.
        invariants.set(PipelineOptions.OBJECT_REUSE, true);
        env.configure(invariants);
        env.configure(RocksDbDefaults.missingFrom(env.getConfiguration()));
    }

    /** Event time of the events input: bounded disorder, idle partitions released. */
    public static WatermarkStrategy<Decoded<SubscriberEvent>> eventWatermarks(
            ScoringConfig config) {
        return WatermarkStrategy.<Decoded<SubscriberEvent>>forBoundedOutOfOrderness(
                        Duration.ofSeconds(config.time().outOfOrdernessSeconds()))
                // dead letters carry no event time and must not move the watermark
                .withTimestampAssigner(
                        (d, kafkaTime) -> d.value != null ? d.value.getEventTime() : Long.MIN_VALUE)
                .withIdleness(Duration.ofSeconds(config.time().idlenessSeconds()));
    }

    private static <T extends SpecificRecord> KafkaSource<Decoded<T>> source(
            PulseSettings settings, String topic, Class<T> type, RecordValidator<T> validator) {
        return KafkaSource.<Decoded<T>>builder()
                .setBootstrapServers(settings.kafka().bootstrapServers())
                .setProperties(settings.kafka().clientProperties())
                .setTopics(topic)
                .setGroupId(settings.groupId())
                .setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(
                        new DecodingDeserializer<>(
                                type,
                                settings.inputFormat(),
                                validator,
                                settings.unknownJsonFields(),
                                settings.schemaRegistryUrl()))
                .build();
    }

    /**
     * The pseudonymisation of an output if the configuration asks for one; resolves the key here
     * once, so that a missing or short key stops the job at start rather than failing its sinks.
     */
    @Nullable
    private static <T> Pseudonymisation<T> pseudonymised(
            SubscriberIdForm form,
            PulseSettings settings,
            Function<String, Pseudonymisation<T>> of) {
        if (form == SubscriberIdForm.PLAIN) {
            return null;
        }
        if (settings.pseudonymKey() == null) {
            throw new IllegalArgumentException(
                    "the configuration pseudonymises an output (outputs.*-subscriber-id:"
                            + " PSEUDONYM) but no key is given: "
                            + Pseudonymisation.KEY_OPTION
                            + " '${env:VARIABLE}'");
        }
        Pseudonymisation<T> pseudonymisation = of.apply(settings.pseudonymKey());
        pseudonymisation.pseudonyms();
        return pseudonymisation;
    }

    private static <T extends SpecificRecord> KafkaSink<T> sink(
            PulseSettings settings,
            String topic,
            Class<T> type,
            WireFormat format,
            String name,
            SerializableFunction<T, byte[]> key,
            @Nullable Pseudonymisation<T> pseudonymisation) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(settings.kafka().bootstrapServers())
                .setKafkaProducerConfig(settings.kafka().clientProperties())
                .setRecordSerializer(
                        new KeyedRecordSerializer<>(
                                topic,
                                type,
                                format,
                                settings.schemaRegistryUrl(),
                                key,
                                pseudonymisation))
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
                .setProperty(
                        "transaction.timeout.ms", Long.toString(settings.transactionTimeoutMs()))
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] originalKey(DeadLetter deadLetter) {
        return DeadLetters.bytes(deadLetter.getKey());
    }
}
