package io.pulse.scoring.functions;

import io.pulse.scoring.kafka.Decoded;
import io.pulse.scoring.metrics.PulseMetrics;
import io.pulse.scoring.validation.DeadLetters;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes decoded records on and sends rejected ones to the {@link SideOutputs#DEAD_LETTERS} side
 * output, counting them by reason ({@code pulse.dead_letters.reason.<REASON>.total}: the reasons
 * decoding gives, {@code UNREADABLE} and {@code INVALID}).
 */
public final class SplitDeadLetters<T> extends ProcessFunction<Decoded<T>, T>
        implements ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final TypeInformation<T> type;
    private transient DeadLetterMetrics deadLetters;

    public SplitDeadLetters(TypeInformation<T> type) {
        this.type = type;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetters =
                new DeadLetterMetrics(
                        PulseMetrics.of(getRuntimeContext().getMetricGroup()),
                        DeadLetters.UNREADABLE,
                        DeadLetters.INVALID);
    }

    @Override
    public void processElement(Decoded<T> decoded, Context ctx, Collector<T> out) {
        if (decoded.value != null) {
            out.collect(decoded.value);
        } else {
            deadLetters.count(decoded.deadLetter.getReason());
            ctx.output(SideOutputs.DEAD_LETTERS, decoded.deadLetter);
        }
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }
}
