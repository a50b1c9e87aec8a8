package io.pulse.local;

/**
 * The names of Pulse's topics: seven of data (network incidents and account alerts among them), and
 * the control topic with its answers.
 */
public record PulseTopics(
        String events,
        String profiles,
        String scores,
        String alerts,
        String deadLetters,
        String incidents,
        String accountAlerts,
        String control,
        String controlAcks) {

    public static PulseTopics defaults() {
        return new PulseTopics(
                "subscriber-events",
                "subscriber-profiles",
                "subscriber-scores",
                "subscriber-alerts",
                "subscriber-dead-letters",
                "network-incidents",
                "account-alerts",
                "pulse-control",
                "pulse-control-acks");
    }
}
