package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.schema.control.ControlAck;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.control.ControlAnswers;
import io.pulse.scoring.control.ControlArtifact;
import io.pulse.scoring.control.ControlChunks;
import io.pulse.scoring.control.LiveVersions;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.scoring.state.SealedDaysSerializer;
import io.pulse.scoring.state.StoredSubscriber;
import io.pulse.scoring.state.StoredSubscriberSerializer;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.state.SubscriberState;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The keyed heart of the job: per subscriber, events and profiles (the keyed input, {@link
 * SubscriberInputs}) update the state, and {@link SubscriberScorer} decides what to publish. Scores
 * go to the main output, alerts and late events to side outputs.
 *
 * <p>The broadcast input ({@link BroadcastInputs}) is first the control topic: configurations and
 * models published while the job runs. Every subtask assembles and decides on each version alike
 * ({@link LiveVersions}) and from then on scores with it; the first subtask answers it on the
 * acknowledgement side output. The versions in force are in the broadcast state ({@link
 * ControlVersionsState}), so a restart or an upgrade from a checkpoint or savepoint comes back on
 * them; until a version is published, the job scores with the files it was started with.
 *
 * <p>It is also the network incidents the areas' watch published, read back from the incidents
 * topic (the loop goes through Kafka: a job graph has no cycles), kept in the broadcast state too
 * ({@link KnownIncidentsState}): while one is open in a subscriber's area, the subscriber's silence
 * and decline are held back from contact.
 *
 * <p>Two state values per subscriber, each in a compact format of its own ({@code state/}): what
 * every event reads and writes (rolling state, recent event ids, profile), and the sealed days,
 * touched only when the subscriber's day changes. An event costs one read and one write.
 *
 * <p>Every entry has a way out. A subscriber's state leaves through its one wake-up timer (see
 * {@link SubscriberScorer}); an entry that holds only a profile (no event yet, or a profile sent
 * after the state was removed) through a timer at the idle TTL after its profile was last seen; a
 * remembered termination through a timer at the end of the retention horizon.
 *
 * <p>State names are part of savepoint compatibility: never rename them.
 *
 * <p>Counts what passes through in {@link ScoringMetrics} (the metric group {@code pulse}).
 */
public final class ScoreSubscriberFunction
        extends KeyedBroadcastProcessFunction<
                String,
                Either<SubscriberEvent, SubscriberProfile>,
                Either<ControlRecord, NetworkIncident>,
                ScoreUpdate>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScoreSubscriberFunction.class);

    /** The broadcast state of the control topic's versions. */
    public static final MapStateDescriptor<String, ControlRecord> CONTROL_VERSIONS =
            ControlVersionsState.DESCRIPTOR;

    /** The broadcast state of the network incidents read back. */
    public static final MapStateDescriptor<String, NetworkIncident> KNOWN_INCIDENTS =
            KnownIncidentsState.DESCRIPTOR;

    public static final String SUBSCRIBER = "subscriber";
    public static final String SEALED_DAYS = "sealed-days";

    /**
     * Event time of a terminated line's termination, kept for the retention horizon after its state
     * is removed.
     */
    public static final String TERMINATED_AT = "terminated-at";

    private final LiveVersions startVersions;
    private final String eventsTopic;

    private transient ValueState<StoredSubscriber> subscriber;
    private transient SealedDaysState history;
    private transient ValueState<Long> terminatedAt;
    private transient ControlVersionsState control;
    private transient KnownIncidentsState incidents;
    private transient LiveVersions versions;
    private transient SubscriberScorer scorer;
    private transient AvroBinaryCodec<SubscriberEvent> eventCodec;
    private transient ScoringMetrics metrics;
    private transient DataOutputSerializer sizeSample;

    /** Whether the element being processed found no state for its subscriber. */
    private transient boolean newSubscriber;

    /** Scores with {@code startVersions} until the control topic brings others. */
    public ScoreSubscriberFunction(LiveVersions startVersions, String eventsTopic) {
        this.startVersions = startVersions;
        this.eventsTopic = eventsTopic;
    }

    /**
     * Comes back on the versions in force a checkpoint kept. A version this build no longer accepts
     * (an upgrade made a check stricter) is dropped with a warning, on every subtask alike, and the
     * job's own files are in force.
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        control =
                new ControlVersionsState(
                        context.getOperatorStateStore().getBroadcastState(CONTROL_VERSIONS));
        incidents =
                new KnownIncidentsState(
                        context.getOperatorStateStore().getBroadcastState(KNOWN_INCIDENTS));
        versions = startVersions;
        List<ControlArtifact> applied = control.applied();
        if (applied.isEmpty()) {
            return;
        }
        try {
            versions = startVersions.restored(applied);
        } catch (RuntimeException e) {
            LOG.warn(
                    "The versions in force before the restart ({}) are refused by this build and dropped; scoring with the files the job was started with: {}",
                    applied.stream().map(ControlArtifact::describe).toList(),
                    e.getMessage());
            control.forgetApplied();
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // the broadcast state is the operator's to snapshot
    }

    @Override
    public void open(OpenContext openContext) {
        subscriber =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        SUBSCRIBER, StoredSubscriberSerializer.INSTANCE));
        history =
                new SealedDaysState(
                        getRuntimeContext()
                                .getState(
                                        new ValueStateDescriptor<>(
                                                SEALED_DAYS, SealedDaysSerializer.INSTANCE)));
        terminatedAt =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(TERMINATED_AT, LongSerializer.INSTANCE));
        scorer = versions.scorer(incidents.known());
        LOG.info(
                "Scoring with configuration {}, champion {}, challenger {}",
                versions.configVersion(),
                versions.championVersion(),
                versions.challengerVersion());
        eventCodec = new AvroBinaryCodec<>(SubscriberEvent.class);
        metrics = new ScoringMetrics(getRuntimeContext().getMetricGroup());
        sizeSample = new DataOutputSerializer(4096);
    }

    @Override
    public void processElement(
            Either<SubscriberEvent, SubscriberProfile> input,
            ReadOnlyContext ctx,
            Collector<ScoreUpdate> out)
            throws Exception {
        if (input.isLeft()) {
            onEvent(input.left(), ctx, out);
        } else {
            onProfile(input.right(), ctx, out);
        }
    }

    @Override
    public void processBroadcastElement(
            Either<ControlRecord, NetworkIncident> input, Context ctx, Collector<ScoreUpdate> out)
            throws Exception {
        if (input.isLeft()) {
            onControl(input.left(), ctx);
        } else {
            incidents.record(input.right());
        }
    }

    /**
     * A published version, or a piece of one: once whole, decided on by every subtask alike and
     * answered by the first.
     */
    private void onControl(ControlRecord record, Context ctx) throws Exception {
        String malformed = ControlChunks.malformed(record);
        if (malformed != null) {
            answer(ctx, refused(record, malformed, ctx));
            return;
        }
        List<ControlRecord> chunks = control.receive(record);
        if (chunks == null) {
            return;
        }
        ControlArtifact artifact;
        try {
            artifact = ControlChunks.assemble(chunks);
        } catch (IllegalArgumentException e) {
            answer(ctx, refused(record, e.getMessage(), ctx));
            return;
        }
        LiveVersions.Decision decision = versions.consider(artifact);
        if (decision.changed()) {
            control.apply(artifact, record.getPublishedAt(), record.getPublishedBy());
            versions = decision.versions();
            scorer = versions.scorer(incidents.known());
            metrics.versionApplied();
            LOG.info(
                    "Applied {} published by {}: configuration {}, champion {}, challenger {}",
                    artifact.describe(),
                    record.getPublishedBy(),
                    versions.configVersion(),
                    versions.championVersion(),
                    versions.challengerVersion());
        } else if (!decision.accepted()) {
            metrics.versionRefused();
            LOG.warn("Refused {}: {}", artifact.describe(), decision.reason());
        }
        answer(
                ctx,
                ControlAnswers.of(decision, record.getPublishedBy(), ctx.currentProcessingTime()));
    }

    private ControlAck refused(ControlRecord record, String reason, Context ctx) {
        metrics.versionRefused();
        LOG.warn("Refused {} {}: {}", record.getSlot(), record.getVersion(), reason);
        return ControlAnswers.refused(
                record.getSlot(),
                record.getVersion(),
                record.getSha256(),
                reason,
                versions,
                record.getPublishedBy(),
                ctx.currentProcessingTime());
    }

    /** Every subtask decides; the first answers, once. */
    private void answer(Context ctx, ControlAck ack) {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(SideOutputs.CONTROL_ACKS, ack);
        }
    }

    private void onEvent(SubscriberEvent event, ReadOnlyContext ctx, Collector<ScoreUpdate> out)
            throws Exception {
        metrics.eventIn(event.getType(), event.getEventTime());
        long now = ctx.timerService().currentProcessingTime();
        StoredSubscriber stored = stored();
        // a termination is remembered only where the state is gone: one state read per event still
        Long terminated = stored.state() == null ? terminatedAt.value() : null;
        if (terminated != null) {
            Outcome rejected = scorer.afterTermination(event, terminated);
            if (rejected != null) {
                deadLetter(event, rejected, now, ctx);
                return;
            }
            terminatedAt.clear();
            ctx.timerService().deleteEventTimeTimer(terminated + scorer.terminationMemoryMillis());
        }
        Outcome outcome =
                scorer.onEvent(
                        ctx.getCurrentKey(), stored.state(), stored.profile(), event, history, now);
        history.flush();
        if (outcome.state() != null && stored.profileSeenAt() != 0) {
            // the first event: the subscriber's own timer takes over from the profile's
            ctx.timerService()
                    .deleteEventTimeTimer(scorer.profileOnlyExpiry(stored.profileSeenAt()));
            stored.profileSeenAt(0);
        }
        if (outcome.rejectionReason() != null) {
            deadLetter(event, outcome, now, ctx);
            return;
        }
        if (outcome.duplicate()) {
            metrics.duplicate();
            return;
        }
        publish(stored, outcome, ctx.timerService(), out, ctx);
    }

    private void onProfile(
            SubscriberProfile update, ReadOnlyContext ctx, Collector<ScoreUpdate> out)
            throws Exception {
        metrics.profileIn();
        StoredSubscriber stored = stored();
        SubscriberProfile current = stored.profile();
        if (current != null && current.getUpdatedAt() > update.getUpdatedAt()) {
            return;
        }
        stored.profile(update);
        if (stored.state() == null) {
            expireProfileOnly(stored, update, ctx.timerService());
        }
        Outcome outcome =
                scorer.onProfile(
                        ctx.getCurrentKey(),
                        stored.state(),
                        update,
                        ctx.timerService().currentProcessingTime());
        publish(stored, outcome, ctx.timerService(), out, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoreUpdate> out)
            throws Exception {
        StoredSubscriber stored = stored();
        if (stored.state() == null) {
            onTimerWithoutState(stored, timestamp, ctx.timerService());
            return;
        }
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            publish(
                    stored,
                    scorer.onEndOfTime(stored.state(), timestamp),
                    ctx.timerService(),
                    out,
                    ctx);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        Outcome outcome =
                scorer.onTimer(
                        ctx.getCurrentKey(), stored.state(), stored.profile(), timestamp, now);
        if (outcome.state() == null) {
            remember(stored.state(), ctx.timerService());
            subscriber.clear();
            history.clear();
            metrics.subscriberRemoved();
            return;
        }
        publish(stored, outcome, ctx.timerService(), out, ctx);
    }

    /**
     * An entry without a subscriber state is removed once its profile has gone unused for the idle
     * TTL, and a remembered termination is forgotten after the retention horizon (or at once, if a
     * debt kept the state longer than that). A timer a later profile replaced finds nothing due. At
     * the end of the input (a drain) profiles stay, as subscribers do.
     */
    private void onTimerWithoutState(StoredSubscriber stored, long timestamp, TimerService timers)
            throws Exception {
        Long terminated = terminatedAt.value();
        if (terminated != null
                && (stored.profileSeenAt() == 0
                        || terminated + scorer.terminationMemoryMillis() <= timestamp)) {
            terminatedAt.clear();
        }
        long seenAt = stored.profileSeenAt();
        if (stored.profile() != null
                && seenAt != 0
                && scorer.profileOnlyExpiry(seenAt) <= timestamp
                && timers.currentWatermark() != Long.MAX_VALUE) {
            subscriber.clear();
            metrics.subscriberRemoved();
        }
    }

    /**
     * A profile without a subscriber state: its entry expires the idle TTL after the profile was
     * seen (the profile's time, or the watermark if that is later, so that a backlog of old
     * profiles is not removed as it is read).
     */
    private void expireProfileOnly(
            StoredSubscriber stored, SubscriberProfile update, TimerService timers) {
        long seenAt = Math.max(update.getUpdatedAt(), timers.currentWatermark());
        if (stored.profileSeenAt() != 0) {
            timers.deleteEventTimeTimer(scorer.profileOnlyExpiry(stored.profileSeenAt()));
        }
        stored.profileSeenAt(seenAt);
        timers.registerEventTimeTimer(scorer.profileOnlyExpiry(seenAt));
    }

    /**
     * A terminated line's state is removed; its termination is kept, so its later events are
     * refused.
     */
    private void remember(SubscriberState removed, TimerService timers) throws Exception {
        if (removed != null && removed.getStatus() == SubscriberStatus.TERMINATED) {
            terminatedAt.update(removed.getStatusTime());
            timers.registerEventTimeTimer(
                    removed.getStatusTime() + scorer.terminationMemoryMillis());
        }
    }

    private void deadLetter(
            SubscriberEvent event, Outcome rejected, long now, ReadOnlyContext ctx) {
        metrics.deadLetter(rejected.rejectionReason());
        byte[] key = event.getSubscriberId().getBytes(StandardCharsets.UTF_8);
        ctx.output(
                SideOutputs.DEAD_LETTERS,
                DeadLetters.of(
                        rejected.rejectionReason(),
                        rejected.rejection(),
                        eventsTopic,
                        -1,
                        -1L,
                        event.getEventTime(),
                        key,
                        eventCodec.encode(event),
                        now));
    }

    private StoredSubscriber stored() throws Exception {
        StoredSubscriber stored = subscriber.value();
        newSubscriber = stored == null;
        return stored != null ? stored : new StoredSubscriber(null, null);
    }

    private void publish(
            StoredSubscriber stored,
            Outcome outcome,
            TimerService timers,
            Collector<ScoreUpdate> out,
            ReadOnlyContext ctx)
            throws Exception {
        if (outcome.state() != null) {
            stored.state(outcome.state());
        }
        subscriber.update(stored);
        if (newSubscriber) {
            metrics.subscriberCreated();
            newSubscriber = false;
        }
        if (metrics.sampleStateSize()) {
            sizeSample.clear();
            StoredSubscriberSerializer.INSTANCE.serialize(stored, sizeSample);
            metrics.stateBytes(sizeSample.length());
        }
        if (outcome.timerToDelete() != 0) {
            timers.deleteEventTimeTimer(outcome.timerToDelete());
        }
        if (outcome.timerToRegister() != 0) {
            timers.registerEventTimeTimer(outcome.timerToRegister());
        }
        if (outcome.score() != null) {
            metrics.score(outcome.score());
            out.collect(outcome.score());
        }
        for (Alert alert : outcome.alerts()) {
            metrics.alert(alert);
            ctx.output(SideOutputs.ALERTS, alert);
        }
        for (AreaSignal signal : outcome.signals()) {
            ctx.output(SideOutputs.AREA_SIGNALS, signal);
        }
        if (outcome.accountLine() != null) {
            ctx.output(SideOutputs.ACCOUNT_LINES, outcome.accountLine());
        }
    }
}
