package io.pulse.scoring;

import io.pulse.schema.NetworkIncident;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.control.ControlRecord;
import io.pulse.scoring.kafka.Decoded;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Watermarks of the inputs that are reference data, not a timeline (profiles, the control topic,
 * the incidents read back): such an input declares itself idle and never emits a watermark, so
 * event time (and with it silence detection) is driven by the events alone and a quiet topic cannot
 * stall it.
 */
public final class IdleWatermarks<T> implements WatermarkGenerator<T> {

    public static WatermarkStrategy<Decoded<SubscriberProfile>> forProfiles() {
        return WatermarkStrategy.<Decoded<SubscriberProfile>>forGenerator(
                        context -> new IdleWatermarks<>())
                .withTimestampAssigner(
                        (d, kafkaTime) ->
                                d.value != null ? d.value.getUpdatedAt() : Long.MIN_VALUE);
    }

    public static WatermarkStrategy<Decoded<ControlRecord>> forControl() {
        return WatermarkStrategy.forGenerator(context -> new IdleWatermarks<>());
    }

    public static WatermarkStrategy<Decoded<NetworkIncident>> forIncidents() {
        return WatermarkStrategy.forGenerator(context -> new IdleWatermarks<>());
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
