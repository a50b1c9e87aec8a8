package io.pulse.scoring.churn;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.Reason;
import io.pulse.scoring.config.ConsumptionService;
import io.pulse.scoring.config.ScoringConfig.ConsumptionModel;
import io.pulse.scoring.config.ScoringConfig.ServiceWeight;
import io.pulse.scoring.features.FeatureExtractor;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.RollingUsage;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The source's consumption model with its missing time factor: y = sum(w_i * u_i) over the rolling
 * three months, u_i the min-max normalised usage of service i, and churn probability Z = exp(-k * y
 * * (1 + trendWeight * trend)), where trend is the change of y in the last 30 days against the
 * months before (clipped to -1..1): falling consumption raises the risk.
 *
 * <p>With less than three months of history, usage is extrapolated to 90 days from the days
 * observed (at least {@code min-observed-days}), so a new subscriber is not scored as a leaver
 * merely for being new.
 */
public final class ConsumptionChurnModel {
    private static final int TOP_REASONS = 3;
    private static final ConsumptionService[] SERVICES = ConsumptionService.values();

    private final ConsumptionModel config;

    public ConsumptionChurnModel(ConsumptionModel config) {
        this.config = config;
    }

    public double probability(SubscriberState state, long now) {
        double[][] usage = monthlyUsage(state, now);
        int observed = RollingUsage.observedDays(state);
        return probability(y(usage, observed), trend(usage, observed));
    }

    double probability(double y, double trend) {
        return Math.exp(-config.k() * y * (1 + config.trendWeight() * trend));
    }

    /**
     * The services furthest from full use (their weighted gap w_i * (1 - u_i)) and a falling trend
     * (the consumption it takes off y), strongest first.
     */
    public List<Reason> reasons(SubscriberState state, long now) {
        double[][] usage = monthlyUsage(state, now);
        int observed = RollingUsage.observedDays(state);
        double scale =
                (double) RollingUsage.WINDOW_DAYS
                        / Math.max(
                                config.minObservedDays(),
                                Math.min(RollingUsage.WINDOW_DAYS, observed));
        List<Reason> reasons = new ArrayList<>();
        for (ConsumptionService service : SERVICES) {
            ServiceWeight weight = config.services().get(service);
            double measured = scale * total(usage, service);
            double gap = weight.weight() * (1 - weight.normalise(measured));
            if (gap > 0) {
                reasons.add(
                        reason(
                                "LOW_" + service.name(),
                                String.format(
                                        Locale.ROOT,
                                        "Low use of %s: %.0f over three months (full use from %.0f)",
                                        service.description(),
                                        measured,
                                        weight.max()),
                                measured,
                                weight.max(),
                                gap));
            }
        }
        double trend = trend(usage, observed);
        if (trend < 0) {
            // in units of y, like the services' gaps: how much effective consumption the fall
            // removes
            double gap = -y(usage, observed) * config.trendWeight() * trend;
            reasons.add(
                    reason(
                            "FALLING_CONSUMPTION",
                            String.format(
                                    Locale.ROOT,
                                    "Consumption fell %.0f%% in the last 30 days against the months before",
                                    -100 * trend),
                            trend,
                            0.0,
                            gap));
        }
        reasons.sort(Comparator.comparingDouble(Reason::getContribution).reversed());
        return reasons.size() > TOP_REASONS
                ? new ArrayList<>(reasons.subList(0, TOP_REASONS))
                : reasons;
    }

    private static Reason reason(
            String code, String text, double measured, double threshold, double contribution) {
        return Reason.newBuilder()
                .setCode(code)
                .setText(text)
                .setMeasured(measured)
                .setThreshold(threshold)
                .setContribution(contribution)
                .setCause(ChurnCause.NATURAL)
                .build();
    }

    /** y over three months, usage extrapolated to 90 days when history is shorter. */
    private double y(double[][] usage, int observed) {
        double scale =
                (double) RollingUsage.WINDOW_DAYS
                        / Math.max(
                                config.minObservedDays(),
                                Math.min(RollingUsage.WINDOW_DAYS, observed));
        double y = 0;
        for (ConsumptionService service : SERVICES) {
            ServiceWeight weight = config.services().get(service);
            y += weight.weight() * weight.normalise(scale * total(usage, service));
        }
        return y;
    }

    /**
     * Change of the monthly y (each month's usage normalised as if it lasted three months), clipped
     * to -1..1; 0, no time factor, before there are two months to compare.
     */
    private double trend(double[][] usage, int observed) {
        double[] monthly = new double[3];
        for (int m = 0; m < 3; m++) {
            for (ConsumptionService service : SERVICES) {
                ServiceWeight weight = config.services().get(service);
                monthly[m] += weight.weight() * weight.normalise(3 * usage[m][service.ordinal()]);
            }
        }
        double trend = FeatureExtractor.trend(monthly[0], monthly[1], monthly[2], observed);
        return Double.isNaN(trend) ? 0 : Math.min(1.0, trend);
    }

    private static double total(double[][] usage, ConsumptionService service) {
        int i = service.ordinal();
        return usage[0][i] + usage[1][i] + usage[2][i];
    }

    /** Usage per service in month 1 (last 30 days), 2 and 3. */
    private static double[][] monthlyUsage(SubscriberState state, long now) {
        int day = state.getCurrentDay();
        long[] bounds = {
            now,
            Days.startOfDay(day - RollingUsage.MONTH_DAYS + 1),
            Days.startOfDay(day - 2 * RollingUsage.MONTH_DAYS + 1),
            Days.startOfDay(day - RollingUsage.WINDOW_DAYS + 1)
        };
        UsageCounters today = state.getToday();
        UsageCounters[] months = {state.getMonth1(), state.getMonth2(), state.getMonth3()};
        double[][] usage = new double[3][SERVICES.length];
        for (int m = 0; m < 3; m++) {
            UsageCounters c = months[m];
            // month 1 is the sealed part plus today
            boolean withToday = m == 0;
            long until = bounds[m];
            usage[m][ConsumptionService.LOCAL_MINUTES.ordinal()] =
                    (c.getOutLocalSec() + (withToday ? today.getOutLocalSec() : 0)) / 60.0;
            usage[m][ConsumptionService.LONG_DISTANCE_MINUTES.ordinal()] =
                    (c.getOutLongDistanceSec() + (withToday ? today.getOutLongDistanceSec() : 0))
                            / 60.0;
            usage[m][ConsumptionService.SMS.ordinal()] =
                    c.getSmsOut() + (withToday ? today.getSmsOut() : 0);
            usage[m][ConsumptionService.CALLER_ID.ordinal()] =
                    subscribedDays(state, "CALLER_ID", bounds[m + 1], until);
            usage[m][ConsumptionService.RINGBACK.ordinal()] =
                    subscribedDays(state, "RINGBACK", bounds[m + 1], until);
            usage[m][ConsumptionService.CUG.ordinal()] =
                    subscribedDays(state, "CUG", bounds[m + 1], until);
        }
        return usage;
    }

    private static double subscribedDays(
            SubscriberState state, String code, long from, long until) {
        long millis = 0;
        for (ServiceSubscription s : state.getServices()) {
            if (code.equals(s.getCode())) {
                long start = Math.max(s.getSince(), from);
                long end = s.getUntil() == null ? until : Math.min(s.getUntil(), until);
                millis += Math.max(0, end - start);
            }
        }
        return (double) millis / Days.MILLIS_PER_DAY;
    }
}
