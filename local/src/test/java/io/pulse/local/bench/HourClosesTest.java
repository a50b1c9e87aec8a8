package io.pulse.local.bench;

import io.pulse.schema.EventType;
import io.pulse.schema.SubscriberEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HourClosesTest {
    private static final long HOUR = 3_600_000L;
    private static final long FROM = 1_000 * HOUR;

    private final HourCloses closes = new HourCloses(FROM, FROM + 3 * HOUR, Duration.ofSeconds(30));

    @Test
    void anHourIsClosedByTheFirstEventPastItsEndAndTheWatermarkDelay() {
        closes.stamp(event(FROM + 30_000), 100);
        assertThat(closes.sentAt(incident(FROM))).isEqualTo(AlertWatcher.Origin.UNTIMED);

        closes.stamp(event(FROM + 30_001), 200);
        closes.stamp(event(FROM + 40_000), 300);

        assertThat(closes.sentAt(incident(FROM))).isEqualTo(200);
        assertThat(closes.closed()).isEqualTo(1);
    }

    @Test
    void aGapClosesEveryHourItSpansAtOnce() {
        closes.stamp(event(FROM + 2 * HOUR + 60_000), 500);

        assertThat(closes.sentAt(incident(FROM))).isEqualTo(500);
        assertThat(closes.sentAt(incident(FROM + HOUR))).isEqualTo(500);
        assertThat(closes.sentAt(incident(FROM + 2 * HOUR))).isEqualTo(500);
        assertThat(closes.sentAt(incident(FROM + 3 * HOUR))).isEqualTo(AlertWatcher.Origin.UNTIMED);
    }

    @Test
    void eventsKeepTheirTimesAndTheFeedEndsAtItsEnd() {
        SubscriberEvent event = event(FROM + 5);
        assertThat(closes.stamp(event, 1)).isSameAs(event);
        assertThat(closes.stamp(event(FROM + 3 * HOUR), 2)).isNull();
    }

    @Test
    void refusesAStartOffTheHour() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new HourCloses(FROM + 1, FROM + HOUR, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AlertWatcher.Raised incident(long hourEnd) {
        return new AlertWatcher.Raised(List.of(), hourEnd, "incident UPDATED");
    }

    private static SubscriberEvent event(long time) {
        return SubscriberEvent.newBuilder()
                .setEventId("e" + time)
                .setSubscriberId("s1")
                .setType(EventType.DATA_SESSION)
                .setEventTime(time)
                .build();
    }
}
