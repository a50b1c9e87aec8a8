package io.pulse.scoring.functions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.io.RecordProcessorUtils;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Flink's {@code KeyedTwoInputStreamOperatorTestHarness}, on a given task environment: that harness
 * always makes its own, whose metric group forgets every metric.
 */
final class MeteredKeyedCoHarness<K, IN1, IN2, OUT> extends AbstractStreamOperatorTestHarness<OUT> {
    private final TwoInputStreamOperator<IN1, IN2, OUT> twoInput;

    MeteredKeyedCoHarness(
            TwoInputStreamOperator<IN1, IN2, OUT> operator,
            String operatorName,
            KeySelector<IN1, K> keys1,
            KeySelector<IN2, K> keys2,
            TypeInformation<K> keyType,
            MockEnvironment environment)
            throws Exception {
        super(operator, environment);
        this.twoInput = operator;
        config.setOperatorName(operatorName);
        config.setStatePartitioner(0, keys1);
        if (keys2 != null) { // null: a broadcast input
            config.setStatePartitioner(1, keys2);
        }
        config.setStateKeySerializer(
                keyType.createSerializer(executionConfig.getSerializerConfig()));
        config.serializeAllConfigs();
    }

    void processElement1(StreamRecord<IN1> element) throws Exception {
        RecordProcessorUtils.getRecordProcessor1(twoInput).accept(element);
    }

    void processElement2(StreamRecord<IN2> element) throws Exception {
        RecordProcessorUtils.getRecordProcessor2(twoInput).accept(element);
    }

    void processBothWatermarks(Watermark mark) throws Exception {
        twoInput.processWatermark1(mark);
        twoInput.processWatermark2(mark);
    }
}
