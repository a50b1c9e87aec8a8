package io.pulse.scoring.alerts;

import io.pulse.scoring.config.ScoringConfig;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ControlGroupTest {
    private static final int IDS = 100_000;

    private static ControlGroup group(double fraction, String salt) {
        return new ControlGroup(new ScoringConfig.ControlGroup(fraction, salt));
    }

    private static long members(ControlGroup group) {
        return IntStream.range(0, IDS)
                .filter(i -> group.holds(String.format("sub-%06d", i)))
                .count();
    }

    @Test
    void holdsTheConfiguredShareOfTheSubscribers() {
        assertThat(members(group(0.05, "pulse")) / (double) IDS).isCloseTo(0.05, within(0.003));
        assertThat(members(group(0.2, "pulse")) / (double) IDS).isCloseTo(0.2, within(0.005));
        assertThat(members(group(0, "pulse"))).isZero();
    }

    /** Another instance, as on another subtask or after a restart: the same members. */
    @Test
    void membershipDependsOnTheIdAndTheSaltAlone() {
        ControlGroup one = group(0.05, "pulse");
        ControlGroup other = group(0.05, "pulse");
        ControlGroup resalted = group(0.05, "pulse-2027");
        int same = 0;
        int shared = 0;
        for (int i = 0; i < IDS; i++) {
            String id = String.format("sub-%06d", i);
            assertThat(other.holds(id)).isEqualTo(one.holds(id));
            if (one.holds(id)) {
                same++;
                if (resalted.holds(id)) {
                    shared++;
                }
            }
        }
        // a new salt draws a new group: about 5% of the old one stays in it
        assertThat(shared / (double) same).isLessThan(0.1);
    }

    /** A larger fraction with the same salt keeps the members of the smaller one. */
    @Test
    void growingTheGroupKeepsItsMembers() {
        ControlGroup small = group(0.05, "pulse");
        ControlGroup large = group(0.1, "pulse");
        for (int i = 0; i < IDS; i++) {
            String id = String.format("sub-%06d", i);
            if (small.holds(id)) {
                assertThat(large.holds(id)).as(id).isTrue();
            }
        }
    }
}
