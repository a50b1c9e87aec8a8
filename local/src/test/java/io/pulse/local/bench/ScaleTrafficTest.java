package io.pulse.local.bench;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.codec.AvroBinaryCodec;
import io.pulse.scoring.validation.EventValidator;

import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScaleTrafficTest {
    private static final long START = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    private static ScaleTraffic opened(int subscribers, long timedEvents, long seed) {
        ScaleTraffic traffic = new ScaleTraffic(subscribers, timedEvents, seed, START);
        traffic.open();
        return traffic;
    }

    @Test
    void theFirstRoundGivesEverySubscriberItsFirstEventAndIsNotTimed() {
        ScaleTraffic traffic = opened(1000, 2500, 42);

        assertThat(traffic.size()).isEqualTo(3500);
        assertThat(traffic.timedFrom()).isEqualTo(1000);
        assertThat(traffic.eventsPerSubscriber())
                .isEqualTo(4); // the first, then 2,500 timed: 3 rounds reached
        assertThat(subscribersOf(traffic, 0, 1000)).hasSize(1000);
    }

    @Test
    void everyRoundVisitsEverySubscriberOnceInAnotherOrder() {
        ScaleTraffic traffic = opened(997, 3 * 997, 42);

        List<Integer> first = orderOf(traffic, 0);
        List<Integer> second = orderOf(traffic, 1);
        List<Integer> third = orderOf(traffic, 2);

        for (List<Integer> round : List.of(first, second, third)) {
            assertThat(new HashSet<>(round)).hasSize(997);
        }
        assertThat(second).isNotEqualTo(first);
        assertThat(third).isNotEqualTo(second);
    }

    @Test
    void eventTimesNeverGoBackAndStayWithinTheSimulatedDays() {
        ScaleTraffic traffic = opened(500, 500 * 80, 42); // 81 rounds: three days at 30 a day

        assertThat(traffic.days()).isEqualTo(3);
        long previous = Long.MIN_VALUE;
        for (long i = 0; i < traffic.size(); i++) {
            long time = traffic.eventTime(i);
            assertThat(time)
                    .isGreaterThanOrEqualTo(previous)
                    .isGreaterThanOrEqualTo(START)
                    .isLessThan(START + 3 * DAY);
            previous = time;
        }
        assertThat(traffic.event(traffic.size() - 1).getEventTime())
                .isEqualTo(traffic.eventTime(traffic.size() - 1));
    }

    @Test
    void theSameSettingsGiveTheSameRecordsEvenAfterShippingToTheTask() throws Exception {
        ScaleTraffic traffic = opened(300, 3000, 42);
        ScaleTraffic shipped = InstantiationUtil.clone(new ScaleTraffic(300, 3000, 42, START));
        shipped.open();
        ScaleTraffic otherSeed = opened(300, 3000, 43);

        boolean differs = false;
        for (long i = 0; i < traffic.size(); i += 7) {
            ConsumerRecord<byte[], byte[]> record = traffic.record(i);
            assertThat(shipped.record(i).key()).isEqualTo(record.key());
            assertThat(shipped.record(i).value()).isEqualTo(record.value());
            assertThat(record.offset()).isEqualTo(i);
            differs |= !java.util.Arrays.equals(otherSeed.record(i).value(), record.value());
        }
        assertThat(differs).isTrue();
    }

    @Test
    void recordsAreValidEventsOfTheirKeysWithUniqueIdsAndReferencesToTheirOwnPast()
            throws Exception {
        ScaleTraffic traffic = opened(200, 200 * 60, 42);
        AvroBinaryCodec<SubscriberEvent> codec = new AvroBinaryCodec<>(SubscriberEvent.class);
        EventValidator validator = new EventValidator();
        long now = System.currentTimeMillis();
        Set<String> ids = new HashSet<>();
        int references = 0;
        for (long i = 0; i < traffic.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = traffic.record(i);
            SubscriberEvent event = codec.decode(record.value());

            assertThat(new String(record.key(), StandardCharsets.UTF_8))
                    .isEqualTo(event.getSubscriberId());
            assertThat(validator.problem(event, now)).as("record %d: %s", i, event).isNull();
            assertThat(ids.add(event.getEventId())).as("unique id %s", event.getEventId()).isTrue();
            if (event.getReferenceId() != null
                    && event.getReferenceId().startsWith(event.getSubscriberId() + "-")) {
                assertThat(ids).contains(event.getReferenceId());
                references++;
            }
        }
        assertThat(references)
                .as("payments and fault clearings refer to earlier events")
                .isPositive();
    }

    @Test
    void subscriberIdsAreZeroPaddedLikeTheSimulators() {
        assertThat(ScaleTraffic.subscriberId(41)).isEqualTo("sub-00000042");
        assertThat(ScaleTraffic.subscriberId(9_999_999)).isEqualTo("sub-10000000");
        assertThat(ScaleTraffic.subscriberId(123_456_788)).isEqualTo("sub-123456789");
    }

    private static Set<String> subscribersOf(ScaleTraffic traffic, long from, long to) {
        Set<String> subscribers = new HashSet<>();
        for (long i = from; i < to; i++) {
            subscribers.add(traffic.event(i).getSubscriberId());
        }
        return subscribers;
    }

    private static List<Integer> orderOf(ScaleTraffic traffic, long round) {
        List<Integer> order = new ArrayList<>();
        for (int position = 0; position < traffic.subscribers(); position++) {
            order.add(traffic.subscriberAt(round, position));
        }
        return order;
    }
}
