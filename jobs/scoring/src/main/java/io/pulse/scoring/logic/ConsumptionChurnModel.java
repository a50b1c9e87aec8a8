package io.pulse.scoring.logic;

import io.pulse.schema.Reason;
import io.pulse.scoring.config.ConsumptionService;
import io.pulse.scoring.config.ScoringConfig.ConsumptionModel;
import io.pulse.scoring.config.ScoringConfig.ServiceWeight;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The source's consumption model: y = sum(w_i * u_i) over the rolling three months, u_i the
 * min-max normalised usage of service i, churn probability Z = exp(-k * y).
 *
 * <p>With less than three months of history, usage is extrapolated to 90 days from the days
 * observed (at least {@code min-observed-days}), so a new subscriber is not scored as a leaver
 * merely for being new.
 */
public final class ConsumptionChurnModel {
    private static final int TOP_REASONS = 3;

    private final ConsumptionModel config;

    public ConsumptionChurnModel(ConsumptionModel config) {
        this.config = config;
    }

    public ChurnScore score(SubscriberState state, long now) {
        Map<ConsumptionService, Double> usage = usage(state, now);
        double y = 0;
        double missingTotal = 0;
        Map<ConsumptionService, Double> missing = new EnumMap<>(ConsumptionService.class);
        for (Map.Entry<ConsumptionService, Double> entry : usage.entrySet()) {
            ServiceWeight weight = config.services().get(entry.getKey());
            double u = weight.normalise(entry.getValue());
            y += weight.weight() * u;
            double gap = weight.weight() * (1 - u);
            missing.put(entry.getKey(), gap);
            missingTotal += gap;
        }
        double probability = Math.exp(-config.k() * y);
        return new ChurnScore(probability, reasons(usage, missing, missingTotal));
    }

    /** Usage per service over the last 90 days, extrapolated to 90 days when history is shorter. */
    Map<ConsumptionService, Double> usage(SubscriberState state, long now) {
        UsageCounters total = RollingUsage.threeMonths(state);
        int observed = observedDays(state);
        double scale = (double) RollingUsage.WINDOW_DAYS / observed;
        long windowStart = Days.startOfDay(state.getCurrentDay() - RollingUsage.WINDOW_DAYS + 1);
        Map<ConsumptionService, Double> usage = new EnumMap<>(ConsumptionService.class);
        usage.put(ConsumptionService.LOCAL_MINUTES, scale * total.getOutLocalSec() / 60.0);
        usage.put(ConsumptionService.LONG_DISTANCE_MINUTES, scale * total.getOutLongDistanceSec() / 60.0);
        usage.put(ConsumptionService.SMS, scale * total.getSmsOut());
        usage.put(ConsumptionService.CALLER_ID, scale * subscribedDays(state, "CALLER_ID", windowStart, now));
        usage.put(ConsumptionService.RINGBACK, scale * subscribedDays(state, "RINGBACK", windowStart, now));
        usage.put(ConsumptionService.CUG, scale * subscribedDays(state, "CUG", windowStart, now));
        return usage;
    }

    private int observedDays(SubscriberState state) {
        int firstDay = Days.epochDay(state.getFirstEventTime());
        int days = state.getCurrentDay() - firstDay + 1;
        return Math.max(config.minObservedDays(), Math.min(RollingUsage.WINDOW_DAYS, days));
    }

    private static double subscribedDays(SubscriberState state, String code, long windowStart, long now) {
        long millis = 0;
        for (ServiceSubscription s : state.getServices()) {
            if (code.equals(s.getCode())) {
                long from = Math.max(s.getSince(), windowStart);
                long until = s.getUntil() == null ? now : Math.min(s.getUntil(), now);
                millis += Math.max(0, until - from);
            }
        }
        return (double) millis / Days.MILLIS_PER_DAY;
    }

    private List<Reason> reasons(
            Map<ConsumptionService, Double> usage, Map<ConsumptionService, Double> missing, double missingTotal) {
        List<ConsumptionService> order = new ArrayList<>(missing.keySet());
        order.sort((a, b) -> Double.compare(missing.get(b), missing.get(a)));
        List<Reason> reasons = new ArrayList<>(TOP_REASONS);
        for (ConsumptionService service : order) {
            if (reasons.size() == TOP_REASONS || missing.get(service) <= 0) {
                break;
            }
            ServiceWeight weight = config.services().get(service);
            double measured = usage.get(service);
            reasons.add(
                    Reason.newBuilder()
                            .setCode("LOW_" + service.name())
                            .setText(String.format(
                                    java.util.Locale.ROOT,
                                    "Low use of %s: %.0f over three months (full use from %.0f)",
                                    service.description(),
                                    measured,
                                    weight.max()))
                            .setMeasured(measured)
                            .setThreshold(weight.max())
                            .setContribution(missingTotal == 0 ? 0.0 : missing.get(service) / missingTotal)
                            .build());
        }
        return reasons;
    }
}
