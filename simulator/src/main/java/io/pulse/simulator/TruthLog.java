package io.pulse.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions recorded as the simulation decides them, until someone takes them. Off until
 * {@link #start()}: a simulation nobody asks the truth of keeps none.
 */
final class TruthLog {
    private List<ConditionWindow> pending = new ArrayList<>();
    private boolean recording;

    void start() {
        recording = true;
    }

    boolean recording() {
        return recording;
    }

    void record(String subscriberId, Condition condition, long from, long until) {
        if (recording) {
            pending.add(new ConditionWindow(subscriberId, condition, from, until));
        }
    }

    void record(ConditionWindow window) {
        if (recording) {
            pending.add(window);
        }
    }

    /** The conditions recorded since the last call. */
    List<ConditionWindow> drain() {
        List<ConditionWindow> taken = pending;
        pending = new ArrayList<>();
        return taken;
    }
}
