package io.pulse.local;

/** The names of Pulse's five topics. */
public record PulseTopics(
        String events, String profiles, String scores, String alerts, String deadLetters) {

    public static PulseTopics defaults() {
        return new PulseTopics(
                "subscriber-events",
                "subscriber-profiles",
                "subscriber-scores",
                "subscriber-alerts",
                "subscriber-dead-letters");
    }
}
