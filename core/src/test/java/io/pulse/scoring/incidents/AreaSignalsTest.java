package io.pulse.scoring.incidents;

import io.pulse.schema.CallScope;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.incidents.AreaSignal.Kind;
import io.pulse.scoring.usage.UsageMath;
import io.pulse.state.UsageCounters;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.bill;
import static io.pulse.scoring.TestEvents.droppedCall;
import static io.pulse.scoring.TestEvents.faultReport;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

class AreaSignalsTest {
    private static final SubscriberProfile NORTH = profile("sub-1", Segment.MASS, DAY_0);

    private final List<AreaSignal> signals = new ArrayList<>();
    private final UsageCounters today = UsageMath.zero();
    private long previous = Long.MIN_VALUE;

    /** The event counted in the day's counters as the state updater counts it, then judged. */
    private void event(SubscriberProfile profile, SubscriberEvent e) {
        if (Boolean.TRUE.equals(e.getDropped())) {
            today.setDroppedCalls(today.getDroppedCalls() + 1);
        }
        if (e.getType() == EventType.FAULT_REPORT) {
            today.setFaults(today.getFaults() + 1);
        }
        signals.addAll(AreaSignals.of(profile, previous, e, today));
        previous = Math.max(previous, e.getEventTime());
    }

    /**
     * Where the network tells the cell, the cell is an area too: the event's cell, else the
     * subscriber's home cell; the region always.
     */
    @Test
    void theCellThatCarriedTheEventOrTheHomeCellIsAnAreaBesideTheRegion() {
        SubscriberProfile homed = SubscriberProfile.newBuilder(NORTH).setCellId("n-7").build();
        event(homed, sms("e1", "sub-1", at(0, 9)));
        SubscriberEvent elsewhere = sms("e2", "sub-1", at(0, 10));
        elsewhere.setCellId("n-9");
        event(homed, elsewhere);
        SubscriberEvent dropped = droppedCall("e3", "sub-1", at(0, 11), 30);
        event(homed, dropped);

        assertThat(signals)
                .extracting(s -> s.area() + " " + s.kind())
                .containsExactly(
                        "north ACTIVE",
                        "north/n-7 ACTIVE",
                        "north ACTIVE",
                        "north/n-9 ACTIVE",
                        "north ACTIVE",
                        "north DROPPED_CALL",
                        "north/n-7 ACTIVE",
                        "north/n-7 DROPPED_CALL");
        assertThat(AreaSignals.areas(homed)).containsExactly("north", "north/n-7");
        assertThat(
                        AreaSignals.areas(
                                SubscriberProfile.newBuilder(NORTH)
                                        .setRegion(null)
                                        .setCellId("n-7")
                                        .build()))
                .containsExactly("n-7");
        assertThat(AreaSignals.areas(SubscriberProfile.newBuilder(NORTH).setRegion(null).build()))
                .isEmpty();
    }

    @Test
    void usageSaysActiveOnceAnHourAndFaultsAndDroppedCallsEachTime() {
        event(NORTH, outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60));
        event(NORTH, sms("e2", "sub-1", at(0, 9) + 600_000));
        event(NORTH, droppedCall("e3", "sub-1", at(0, 9) + 1_200_000, 30));
        event(NORTH, sms("e4", "sub-1", at(0, 10)));
        event(NORTH, faultReport("e5", "sub-1", at(0, 10) + 60_000, null));
        event(NORTH, bill("e6", "sub-1", at(0, 11), 5_000));
        // the same day's second drop and second report: the subscriber counts once a day
        event(NORTH, droppedCall("e7", "sub-1", at(0, 11) + 120_000, 30));
        event(NORTH, faultReport("e8", "sub-1", at(0, 11) + 180_000, null));

        assertThat(signals)
                .extracting(s -> s.area() + " " + s.kind())
                .containsExactly(
                        "north ACTIVE", "north DROPPED_CALL", "north ACTIVE", "north FAULT_REPORT");
        assertThat(signals.get(2).time()).isEqualTo(at(0, 10));
    }

    @Test
    void aSubscriberWithoutARegionBelongsToNoArea() {
        SubscriberProfile nowhere = SubscriberProfile.newBuilder(NORTH).setRegion(null).build();
        event(nowhere, outgoingCall("e1", "sub-1", at(0, 9), CallScope.LOCAL, 60));
        event(null, faultReport("e2", "sub-1", at(0, 10), null));
        assertThat(signals).isEmpty();
        assertThat(signals).extracting(AreaSignal::kind).doesNotContain(Kind.ACTIVE);
    }
}
