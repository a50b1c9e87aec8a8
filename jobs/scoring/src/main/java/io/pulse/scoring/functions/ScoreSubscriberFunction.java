package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.engine.Outcome;
import io.pulse.scoring.engine.SubscriberScorer;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.state.SealedDaysSerializer;
import io.pulse.scoring.state.StoredSubscriber;
import io.pulse.scoring.state.StoredSubscriberSerializer;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.state.SubscriberState;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;

/**
 * The keyed heart of the job: per subscriber, events (input 1) and profiles (input 2) update the
 * state, and {@link SubscriberScorer} decides what to publish. Scores go to the main output, alerts
 * and late events to side outputs.
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
        extends KeyedCoProcessFunction<String, SubscriberEvent, SubscriberProfile, ScoreUpdate> {
    private static final long serialVersionUID = 1L;

    public static final String SUBSCRIBER = "subscriber";
    public static final String SEALED_DAYS = "sealed-days";

    /**
     * Event time of a terminated line's termination, kept for the retention horizon after its state
     * is removed.
     */
    public static final String TERMINATED_AT = "terminated-at";

    private final ScoringConfig config;
    private final ModelArtifact churnModels;
    private final String eventsTopic;

    private transient ValueState<StoredSubscriber> subscriber;
    private transient SealedDaysState history;
    private transient ValueState<Long> terminatedAt;
    private transient SubscriberScorer scorer;
    private transient AvroBinaryCodec<SubscriberEvent> eventCodec;
    private transient ScoringMetrics metrics;
    private transient DataOutputSerializer sizeSample;

    /** Whether the element being processed found no state for its subscriber. */
    private transient boolean newSubscriber;

    public ScoreSubscriberFunction(
            ScoringConfig config, ModelArtifact churnModels, String eventsTopic) {
        this.config = config;
        this.churnModels = churnModels;
        this.eventsTopic = eventsTopic;
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
        scorer = new SubscriberScorer(config, churnModels);
        eventCodec = new AvroBinaryCodec<>(SubscriberEvent.class);
        metrics = new ScoringMetrics(getRuntimeContext().getMetricGroup());
        sizeSample = new DataOutputSerializer(4096);
    }

    @Override
    public void processElement1(SubscriberEvent event, Context ctx, Collector<ScoreUpdate> out)
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

    @Override
    public void processElement2(SubscriberProfile update, Context ctx, Collector<ScoreUpdate> out)
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

    private void deadLetter(SubscriberEvent event, Outcome rejected, long now, Context ctx) {
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
            Context ctx)
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
    }
}
