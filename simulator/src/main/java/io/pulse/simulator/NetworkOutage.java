package io.pulse.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network outage as the ground truth has it: the region whose network failed, from when until
 * when (epoch millis), and the subscribers it cut off, in id order; the rest of the region carried
 * on. Made from the {@link Condition#NETWORK_OUTAGE} windows of the subscribers it cut off ({@link
 * #of}).
 */
public record NetworkOutage(
        String id, String region, long from, long until, List<String> subscriberIds) {

    public boolean covers(long time) {
        return time >= from && time < until;
    }

    /**
     * The outages of these conditions, in the order of their first window; the other conditions are
     * left out.
     */
    public static List<NetworkOutage> of(Collection<ConditionWindow> conditions) {
        Map<String, List<ConditionWindow>> byOutage = new LinkedHashMap<>();
        for (ConditionWindow c : conditions) {
            if (c.condition() == Condition.NETWORK_OUTAGE) {
                byOutage.computeIfAbsent(c.caseId(), id -> new ArrayList<>()).add(c);
            }
        }
        List<NetworkOutage> outages = new ArrayList<>(byOutage.size());
        for (List<ConditionWindow> windows : byOutage.values()) {
            ConditionWindow first = windows.get(0);
            outages.add(
                    new NetworkOutage(
                            first.caseId(),
                            first.scope(),
                            first.from(),
                            first.until(),
                            windows.stream().map(ConditionWindow::subscriberId).sorted().toList()));
        }
        return outages;
    }
}
