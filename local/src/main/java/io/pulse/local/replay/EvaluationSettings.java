package io.pulse.local.replay;

import io.pulse.schema.ValueTier;
import io.pulse.scoring.config.ConfigNode;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a replay judges the alerts against the truth ({@code config/evaluation.yaml}); every key
 * required, as in the scoring configuration.
 *
 * @param churnWindowDays an alert of a churn type is right when the subscriber leaves within this
 *     many days of it
 * @param horizonDays a score is judged by whether the subscriber leaves within this many days (the
 *     model's horizon)
 * @param warmUpDays the first days of a history, in which the job has too little of it: churners of
 *     these days are not counted, scores not judged
 * @param quietDays steady subscribers should raise no churn alert in this many days from the start
 * @param contactCostYuan what one retention contact costs
 * @param saveRate the share of churners a timely contact keeps
 * @param retainedValueYuan what keeping a subscriber is worth, by value tier
 */
public record EvaluationSettings(
        int churnWindowDays,
        int horizonDays,
        int warmUpDays,
        int quietDays,
        double contactCostYuan,
        double saveRate,
        Map<ValueTier, Double> retainedValueYuan) {

    public static EvaluationSettings load(Path file) {
        return ConfigNode.load(
                file,
                "evaluation settings",
                root -> {
                    EvaluationSettings settings =
                            new EvaluationSettings(
                                    root.integer("churn-window-days", 1, 365),
                                    root.integer("horizon-days", 1, 365),
                                    root.integer("warm-up-days", 0, 365),
                                    root.integer("quiet-days", 1, 3650),
                                    root.number("contact-cost-yuan", 0, 1e9),
                                    root.number("save-rate", 0, 1),
                                    root.perEnum(
                                            "retained-value-yuan",
                                            ValueTier.class,
                                            (node, key) -> node.number(key, 0, 1e12)));
                    root.close();
                    return settings;
                });
    }

    /**
     * What the truth says a contact achieves with a churner of the tier: its value times the save
     * rate.
     */
    double retainedValue(ValueTier tier) {
        return saveRate * retainedValueYuan.get(tier);
    }
}
