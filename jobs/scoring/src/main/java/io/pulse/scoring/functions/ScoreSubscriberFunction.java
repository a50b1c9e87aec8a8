package io.pulse.scoring.functions;

import io.pulse.schema.Alert;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.kafka.DeadLetters;
import io.pulse.scoring.logic.Outcome;
import io.pulse.scoring.logic.SubscriberScorer;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;

/**
 * The keyed heart of the job: per subscriber, events (input 1) and profiles (input 2) update the
 * state, and {@link SubscriberScorer} decides what to publish. Scores go to the main output,
 * alerts and late events to side outputs.
 *
 * <p>State names are part of savepoint compatibility: never rename them.
 */
public final class ScoreSubscriberFunction
        extends KeyedCoProcessFunction<String, SubscriberEvent, SubscriberProfile, ScoreUpdate> {
    private static final long serialVersionUID = 1L;

    public static final String STATE = "subscriber-state";
    public static final String PROFILE = "subscriber-profile";
    public static final String USAGE_DAYS = "usage-days";
    public static final String SEEN_EVENT_IDS = "seen-event-ids";

    private final ScoringConfig config;
    private final ModelArtifact churnModels;
    private final String eventsTopic;

    private transient ValueState<SubscriberState> state;
    private transient ValueState<SubscriberProfile> profile;
    private transient MapStateHistory history;
    private transient SubscriberScorer scorer;
    private transient AvroBinaryCodec<SubscriberEvent> eventCodec;

    public ScoreSubscriberFunction(ScoringConfig config, ModelArtifact churnModels, String eventsTopic) {
        this.config = config;
        this.churnModels = churnModels;
        this.eventsTopic = eventsTopic;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>(STATE, new AvroTypeInfo<>(SubscriberState.class)));
        profile = getRuntimeContext().getState(
                new ValueStateDescriptor<>(PROFILE, new AvroTypeInfo<>(SubscriberProfile.class)));
        MapState<Integer, UsageCounters> days = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(USAGE_DAYS, Types.INT, new AvroTypeInfo<>(UsageCounters.class)));
        MapState<Long, Long> seen = getRuntimeContext().getMapState(
                new MapStateDescriptor<>(SEEN_EVENT_IDS, Types.LONG, Types.LONG));
        history = new MapStateHistory(days, seen);
        scorer = new SubscriberScorer(config, churnModels);
        eventCodec = new AvroBinaryCodec<>(SubscriberEvent.class);
    }

    @Override
    public void processElement1(SubscriberEvent event, Context ctx, Collector<ScoreUpdate> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Outcome outcome = scorer.onEvent(ctx.getCurrentKey(), state.value(), profile.value(), event, history, now);
        if (outcome.rejectionReason() != null) {
            byte[] key = event.getSubscriberId().getBytes(StandardCharsets.UTF_8);
            ctx.output(SideOutputs.DEAD_LETTERS, DeadLetters.of(outcome.rejectionReason(), outcome.rejection(),
                    eventsTopic, -1, -1L, event.getEventTime(), key, eventCodec.encode(event), now));
            return;
        }
        if (outcome.duplicate()) {
            return;
        }
        publish(outcome, ctx.timerService(), out, ctx);
    }

    @Override
    public void processElement2(SubscriberProfile update, Context ctx, Collector<ScoreUpdate> out) throws Exception {
        SubscriberProfile current = profile.value();
        if (current != null && current.getUpdatedAt() > update.getUpdatedAt()) {
            return;
        }
        profile.update(update);
        Outcome outcome = scorer.onProfile(ctx.getCurrentKey(), state.value(), update,
                ctx.timerService().currentProcessingTime());
        publish(outcome, ctx.timerService(), out, ctx);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ScoreUpdate> out) throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            publish(scorer.onEndOfTime(state.value(), timestamp), ctx.timerService(), out, ctx);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        Outcome outcome = scorer.onTimer(ctx.getCurrentKey(), state.value(), profile.value(), timestamp, now);
        if (outcome.state() == null) {
            state.clear();
            profile.clear();
            history.clear();
            return;
        }
        publish(outcome, ctx.timerService(), out, ctx);
    }

    private void publish(Outcome outcome, TimerService timers, Collector<ScoreUpdate> out, Context ctx)
            throws Exception {
        if (outcome.state() != null) {
            state.update(outcome.state());
        }
        if (outcome.timerToDelete() != 0) {
            timers.deleteEventTimeTimer(outcome.timerToDelete());
        }
        if (outcome.timerToRegister() != 0) {
            timers.registerEventTimeTimer(outcome.timerToRegister());
        }
        if (outcome.score() != null) {
            out.collect(outcome.score());
        }
        for (Alert alert : outcome.alerts()) {
            ctx.output(SideOutputs.ALERTS, alert);
        }
    }
}
