package io.pulse.scoring.functions;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.AlertType;
import io.pulse.scoring.accounts.AccountWatch;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.state.AccountLine;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One customer account's watch, keyed by account: the latest {@link AccountLine} of each of its
 * lines and its open episodes, judged by {@link AccountWatch} whenever a line reports (once a day,
 * at a termination, at a competitor's approach). Lines that have reported nothing for the watch's
 * memory leave it as they are met; an account whose lines have all left leaves with them.
 *
 * <p>State names are part of savepoint compatibility: never rename them.
 */
public final class WatchAccountFunction
        extends KeyedProcessFunction<String, AccountLine, AccountAlert> {
    private static final long serialVersionUID = 1L;

    public static final String LINES = "account-lines";
    public static final String EPISODES = "account-episodes";

    private final ScoringConfig config;

    private transient MapState<String, AccountLine> lines;
    private transient MapState<String, Long> episodes;
    private transient AccountWatch watch;

    public WatchAccountFunction(ScoringConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        lines =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        LINES,
                                        Types.STRING,
                                        TypeInformation.of(AccountLine.class)));
        episodes =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>(EPISODES, Types.STRING, Types.LONG));
        watch = new AccountWatch(config);
    }

    @Override
    public void processElement(AccountLine update, Context ctx, Collector<AccountAlert> out)
            throws Exception {
        AccountLine kept = lines.get(update.getSubscriberId());
        if (kept != null && kept.getEventTime() > update.getEventTime()) {
            return;
        }
        lines.put(update.getSubscriberId(), update);
        long now = update.getEventTime();
        List<AccountLine> known = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, AccountLine> line : lines.entries()) {
            if (AccountWatch.forgotten(line.getValue(), now)) {
                forgotten.add(line.getKey());
            } else {
                known.add(line.getValue());
            }
        }
        for (String line : forgotten) {
            lines.remove(line);
        }
        Map<AlertType, Long> open = new EnumMap<>(AlertType.class);
        for (Map.Entry<String, Long> episode : episodes.entries()) {
            open.put(AlertType.valueOf(episode.getKey()), episode.getValue());
        }
        List<AccountAlert> alerts =
                watch.judge(
                        ctx.getCurrentKey(),
                        known,
                        kept,
                        update,
                        open,
                        now,
                        ctx.timerService().currentProcessingTime());
        episodes.clear();
        for (Map.Entry<AlertType, Long> episode : open.entrySet()) {
            episodes.put(episode.getKey().name(), episode.getValue());
        }
        alerts.forEach(out::collect);
        // one wake-up a day at most: when every line known now would be forgotten
        long day = 86_400_000L;
        ctx.timerService()
                .registerEventTimeTimer(
                        Math.floorDiv(now + AccountWatch.FORGET_AFTER_MILLIS, day) * day + day);
    }

    /** The account leaves once all its lines are forgotten; not at the end of the input. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AccountAlert> out)
            throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        for (AccountLine line : lines.values()) {
            if (!AccountWatch.forgotten(line, timestamp)) {
                return;
            }
        }
        lines.clear();
        episodes.clear();
    }
}
