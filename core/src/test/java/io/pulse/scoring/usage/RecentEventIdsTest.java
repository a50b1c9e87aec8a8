package io.pulse.scoring.usage;

import io.pulse.scoring.engine.SubscriberStateUpdater;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

class RecentEventIdsTest {
    private final SubscriberState state =
            SubscriberStateUpdater.newState(sms("e0", "sub", at(0, 9)));

    @Test
    void anIdCountsOnceWhateverDayItIsSentAgainOn() {
        assertThat(RecentEventIds.markSeen(state, "a", 100)).isTrue();
        assertThat(RecentEventIds.markSeen(state, "b", 101)).isTrue();
        assertThat(RecentEventIds.markSeen(state, "c", 100)).isTrue();
        assertThat(RecentEventIds.markSeen(state, "a", 100)).isFalse();
        assertThat(RecentEventIds.markSeen(state, "a", 101)).isFalse();
        assertThat(RecentEventIds.markSeen(state, "c", 102)).isFalse();
        assertThat(RecentEventIds.size(state)).isEqualTo(3);
    }

    @Test
    void forgettingDropsWholeDaysAndKeepsTheRest() {
        for (int day = 100; day < 104; day++) {
            for (int i = 0; i < 50; i++) {
                RecentEventIds.markSeen(state, day + "-" + i, day);
            }
        }
        RecentEventIds.forgetBefore(state, 102);
        assertThat(RecentEventIds.size(state)).isEqualTo(100);
        assertThat(RecentEventIds.markSeen(state, "101-7", 101)).as("forgotten").isTrue();
        assertThat(RecentEventIds.markSeen(state, "102-7", 102)).isFalse();
        assertThat(RecentEventIds.markSeen(state, "103-49", 103)).isFalse();
        RecentEventIds.forgetBefore(state, 200);
        assertThat(RecentEventIds.size(state)).isZero();
        assertThat(state.getRecentEventIds().remaining()).isZero();
    }

    @Test
    void aLateIdJoinsItsOwnDayBetweenOthers() {
        RecentEventIds.markSeen(state, "x", 100);
        RecentEventIds.markSeen(state, "y", 101);
        RecentEventIds.markSeen(state, "z", 100);
        RecentEventIds.forgetBefore(state, 101);
        assertThat(RecentEventIds.size(state)).isEqualTo(1);
        assertThat(RecentEventIds.markSeen(state, "y", 101)).isFalse();
        assertThat(RecentEventIds.markSeen(state, "z", 101)).isTrue();
    }

    @Test
    void sixBytesAnIdPlusSixADay() {
        for (int i = 0; i < 40; i++) {
            RecentEventIds.markSeen(state, "e" + i, 100 + i / 20);
        }
        assertThat(state.getRecentEventIds().remaining()).isEqualTo(40 * 6 + 2 * 6);
    }

    @Test
    void idsStoredInAForeignBufferAreTakenOver() {
        RecentEventIds.markSeen(state, "a", 100);
        ByteBuffer stored = state.getRecentEventIds();
        byte[] padded = new byte[stored.remaining() + 3];
        stored.duplicate().get(padded, 3, stored.remaining());
        state.setRecentEventIds(
                ByteBuffer.wrap(padded, 3, padded.length - 3).slice().asReadOnlyBuffer());
        assertThat(RecentEventIds.markSeen(state, "a", 100)).isFalse();
        assertThat(RecentEventIds.markSeen(state, "b", 100)).isTrue();
        assertThat(RecentEventIds.size(state)).isEqualTo(2);
    }

    @Test
    void fingerprintsAreFortyEightBits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(RecentEventIds.fingerprint("id-" + i)).isBetween(0L, (1L << 48) - 1);
        }
        assertThat(RecentEventIds.fingerprint("a")).isNotEqualTo(RecentEventIds.fingerprint("b"));
    }
}
