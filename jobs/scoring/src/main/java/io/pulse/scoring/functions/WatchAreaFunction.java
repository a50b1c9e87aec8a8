package io.pulse.scoring.functions;

import io.pulse.schema.NetworkIncident;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.incidents.AreaHourCount;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.scoring.incidents.AreaWatch;
import io.pulse.scoring.incidents.AreaWatch.HourCounts;
import io.pulse.scoring.incidents.IncidentChange;
import io.pulse.scoring.incidents.NetworkIncidents;
import io.pulse.scoring.state.AreaWatchSerializer;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One area's watch for network incidents, keyed by area: the hourly counts of the signals of the
 * area's subscribers from every scoring subtask ({@link CountAreaSignalsOperator}) are summed by
 * hour, and each hour is judged ({@link AreaWatch}) when event time has passed its end. An
 * event-time timer at the end of every hour, chained from one hour to the next, closes silent hours
 * too (an outage of the whole area sends nothing); the chain stops at the end of the input, and
 * when the area has sent nothing for its baseline's days, its state goes.
 *
 * <p>State names are part of savepoint compatibility: never rename them.
 */
public final class WatchAreaFunction
        extends KeyedProcessFunction<String, AreaHourCount, NetworkIncident> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    public static final String WATCH = "area-watch";
    public static final String OPEN_HOURS = "area-open-hours";
    public static final String NEXT_CLOSE = "area-next-close";

    private final ScoringConfig config;

    private transient ValueState<AreaWatch.Stored> watch;
    private transient MapState<Long, int[]> openHours;
    private transient ValueState<Long> nextClose;

    public WatchAreaFunction(ScoringConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        watch =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(WATCH, AreaWatchSerializer.INSTANCE));
        openHours =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        OPEN_HOURS,
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
        nextClose =
                getRuntimeContext().getState(new ValueStateDescriptor<>(NEXT_CLOSE, Types.LONG));
    }

    @Override
    public void processElement(AreaHourCount count, Context ctx, Collector<NetworkIncident> out)
            throws Exception {
        long hour = count.hour();
        Long next = nextClose.value();
        if (next == null) {
            next = hour + HOUR;
            nextClose.update(next);
            ctx.timerService().registerEventTimeTimer(next);
        } else if (hour + HOUR < next) {
            return; // its hour is judged already: a record later than the watermark
        }
        int[] counts = openHours.get(hour);
        if (counts == null) {
            counts = new int[AreaSignal.Kind.values().length];
        }
        counts[AreaSignal.Kind.ACTIVE.ordinal()] += count.active();
        counts[AreaSignal.Kind.FAULT_REPORT.ordinal()] += count.faultReports();
        counts[AreaSignal.Kind.DROPPED_CALL.ordinal()] += count.droppedCalls();
        openHours.put(hour, counts);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<NetworkIncident> out)
            throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the end of the input is not time passing: the chain stops here
        }
        long hour = timestamp - HOUR;
        AreaWatch.Stored stored = watch.value();
        AreaWatch area =
                stored == null
                        ? new AreaWatch(config.alerts().networkIncident(), ctx.getCurrentKey())
                        : AreaWatch.of(config.alerts().networkIncident(), stored);
        int[] counts = openHours.get(hour);
        openHours.remove(hour);
        HourCounts hourCounts =
                counts == null
                        ? HourCounts.NONE
                        : new HourCounts(
                                counts[AreaSignal.Kind.ACTIVE.ordinal()],
                                counts[AreaSignal.Kind.FAULT_REPORT.ordinal()],
                                counts[AreaSignal.Kind.DROPPED_CALL.ordinal()]);
        long now = ctx.timerService().currentProcessingTime();
        for (IncidentChange change : area.closeHour(hour, hourCounts)) {
            out.collect(NetworkIncidents.of(change, config, now));
        }
        if (area.silentFor(config.alerts().networkIncident().baselineDays())
                && openHours.isEmpty()) {
            watch.clear();
            nextClose.clear();
            return;
        }
        watch.update(area.stored());
        nextClose.update(timestamp + HOUR);
        ctx.timerService().registerEventTimeTimer(timestamp + HOUR);
    }
}
