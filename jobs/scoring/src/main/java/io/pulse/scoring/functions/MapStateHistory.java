package io.pulse.scoring.functions;

import io.pulse.scoring.logic.SubscriberHistory;
import io.pulse.state.UsageCounters;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

import java.util.Iterator;
import java.util.Map;

/** {@link SubscriberHistory} over the function's two map states, for the current key. */
final class MapStateHistory implements SubscriberHistory {
    private final MapState<Integer, UsageCounters> days;
    private final MapState<Long, Long> seenEventIds;

    MapStateHistory(MapState<Integer, UsageCounters> days, MapState<Long, Long> seenEventIds) {
        this.days = days;
        this.seenEventIds = seenEventIds;
    }

    @Override
    public UsageCounters day(int epochDay) {
        try {
            return days.get(epochDay);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read day state", e);
        }
    }

    @Override
    public void putDay(int epochDay, UsageCounters counters) {
        try {
            days.put(epochDay, counters);
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot write day state", e);
        }
    }

    @Override
    public Iterable<Map.Entry<Integer, UsageCounters>> days() {
        try {
            return days.entries();
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot read day state", e);
        }
    }


    @Override
    public boolean markSeen(long eventIdHash, long eventTime) {
        try {
            if (seenEventIds.contains(eventIdHash)) {
                return false;
            }
            seenEventIds.put(eventIdHash, eventTime);
            return true;
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot access event id state", e);
        }
    }

    @Override
    public void forgetSeenBefore(long eventTime) {
        try {
            Iterator<Map.Entry<Long, Long>> entries = seenEventIds.iterator();
            while (entries.hasNext()) {
                if (entries.next().getValue() < eventTime) {
                    entries.remove();
                }
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException("cannot access event id state", e);
        }
    }

    @Override
    public void clear() {
        days.clear();
        seenEventIds.clear();
    }
}
