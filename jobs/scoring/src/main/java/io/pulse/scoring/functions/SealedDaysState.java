package io.pulse.scoring.functions;

import io.pulse.scoring.usage.SealedDays;
import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.state.UsageCounters;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.util.FlinkRuntimeException;

import java.io.IOException;
import java.util.Map;

/**
 * {@link SubscriberHistory} over the current key's sealed-days value (days and weeks), read only if
 * the scoring logic asks for it (when the day changes or a late event belongs to a past day) and
 * written back by {@link #flush()} only if it was asked for. Most events touch neither.
 */
final class SealedDaysState implements SubscriberHistory {
    private final ValueState<SealedDays> state;
    private SealedDays loaded;

    SealedDaysState(ValueState<SealedDays> state) {
        this.state = state;
    }

    @Override
    public UsageCounters day(int epochDay) {
        return loadedDays().day(epochDay);
    }

    @Override
    public void putDay(int epochDay, UsageCounters counters) {
        loadedDays().putDay(epochDay, counters);
    }

    @Override
    public Iterable<Map.Entry<Integer, UsageCounters>> days() {
        return loadedDays().days();
    }

    @Override
    public UsageCounters week(int monday) {
        return loadedDays().week(monday);
    }

    @Override
    public void putWeek(int monday, UsageCounters counters) {
        loadedDays().putWeek(monday, counters);
    }

    @Override
    public Iterable<Map.Entry<Integer, UsageCounters>> weeks() {
        return loadedDays().weeks();
    }

    @Override
    public void clear() {
        state.clear();
        loaded = null;
    }

    /** Writes the days back if they were read for this element, and forgets them. */
    void flush() throws IOException {
        if (loaded != null) {
            if (loaded.isEmpty()) {
                state.clear();
            } else {
                state.update(loaded);
            }
            loaded = null;
        }
    }

    private SealedDays loadedDays() {
        if (loaded == null) {
            try {
                SealedDays stored = state.value();
                loaded = stored != null ? stored : new SealedDays();
            } catch (IOException e) {
                throw new FlinkRuntimeException("cannot read the sealed days of the subscriber", e);
            }
        }
        return loaded;
    }
}
