package io.pulse.scoring.functions;

import io.pulse.scoring.metrics.PulseMetrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.Arrays;

/**
 * Dead letters by reason, {@code pulse.dead_letters.reason.<REASON>.total}: one counter per reason
 * the operator can produce, registered when it opens, so a dashboard sees a zero before the first
 * dead letter. Dead letters are rare; a reason outside the list still gets its own counter, made on
 * first sight.
 */
final class DeadLetterMetrics {
    static final String SUBJECT = "dead_letters";
    static final String LABEL = "reason";

    private final MetricGroup group;
    private String[] reasons;
    private Counter[] counters;

    DeadLetterMetrics(MetricGroup pulse, String... reasons) {
        this.group = pulse.addGroup(SUBJECT);
        this.reasons = reasons.clone();
        this.counters = new Counter[reasons.length];
        for (int i = 0; i < reasons.length; i++) {
            counters[i] = group.addGroup(LABEL, reasons[i]).counter(PulseMetrics.TOTAL);
        }
    }

    void count(String reason) {
        for (int i = 0; i < reasons.length; i++) {
            if (reasons[i].equals(reason)) {
                counters[i].inc();
                return;
            }
        }
        int added = reasons.length;
        reasons = Arrays.copyOf(reasons, added + 1);
        counters = Arrays.copyOf(counters, added + 1);
        reasons[added] = reason;
        counters[added] = group.addGroup(LABEL, reason).counter(PulseMetrics.TOTAL);
        counters[added].inc();
    }
}
