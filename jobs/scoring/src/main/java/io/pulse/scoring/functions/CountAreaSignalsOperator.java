package io.pulse.scoring.functions;

import io.pulse.scoring.incidents.AreaHourCount;
import io.pulse.scoring.incidents.AreaSignal;
import io.pulse.scoring.incidents.AreaWatch;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Counts the area signals of its scoring subtask by area and hour and sends each hour's count on
 * when event time has passed the hour, just before the watermark that passes it: a few records an
 * hour for each area instead of one for each subscriber-hour, so the areas' watch costs the job
 * little. Chained to the scoring operator; the counts not yet sent are in its checkpoints (operator
 * state, redistributed on rescaling: they are sums).
 *
 * <p>An operator, not a function: only an operator sees the watermark before it goes on.
 */
public final class CountAreaSignalsOperator extends AbstractStreamOperator<AreaHourCount>
        implements OneInputStreamOperator<AreaSignal, AreaHourCount> {
    private static final long serialVersionUID = 1L;
    private static final long HOUR = 3_600_000L;

    /** The state's name is part of savepoint compatibility: never rename it. */
    public static final String PENDING = "area-signal-counts";

    private transient Map<String, AreaHourCount> counts;
    private transient ListState<AreaHourCount> pending;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        counts = new HashMap<>();
        pending =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        PENDING, TypeInformation.of(AreaHourCount.class)));
        for (AreaHourCount count : pending.get()) {
            counts.merge(key(count.area(), count.hour()), count, AreaHourCount::plus);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        pending.update(new ArrayList<>(counts.values()));
    }

    @Override
    public void processElement(StreamRecord<AreaSignal> element) {
        AreaSignal signal = element.getValue();
        long hour = AreaWatch.hourOf(signal.time());
        counts.compute(
                key(signal.area(), hour),
                (k, count) ->
                        (count != null ? count : new AreaHourCount(signal.area(), hour, 0, 0, 0))
                                .plus(signal.kind()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        List<AreaHourCount> due = new ArrayList<>();
        for (Iterator<AreaHourCount> it = counts.values().iterator(); it.hasNext(); ) {
            AreaHourCount count = it.next();
            if (count.hour() + HOUR <= mark.getTimestamp()) {
                due.add(count);
                it.remove();
            }
        }
        for (AreaHourCount count : due) {
            output.collect(new StreamRecord<>(count, count.hour()));
        }
        super.processWatermark(mark);
    }

    private static String key(String area, long hour) {
        return hour + "/" + area;
    }
}
