package io.pulse.scoring;

import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.kafka.Decoded;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Profiles are slowly changing reference data, not a timeline: their input declares itself idle and
 * never emits a watermark, so event time (and with it silence detection) is driven by the events
 * alone and a quiet profiles topic cannot stall it.
 */
public final class ProfileWatermarks implements WatermarkGenerator<Decoded<SubscriberProfile>> {

    public static WatermarkStrategy<Decoded<SubscriberProfile>> idle() {
        return WatermarkStrategy.<Decoded<SubscriberProfile>>forGenerator(
                        context -> new ProfileWatermarks())
                .withTimestampAssigner(
                        (d, kafkaTime) ->
                                d.value != null ? d.value.getUpdatedAt() : Long.MIN_VALUE);
    }

    @Override
    public void onEvent(
            Decoded<SubscriberProfile> event, long eventTimestamp, WatermarkOutput output) {
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.markIdle();
    }
}
