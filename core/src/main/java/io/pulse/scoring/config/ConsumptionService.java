package io.pulse.scoring.config;

/** The services of the source's consumption model, with their configuration keys. */
public enum ConsumptionService {
    LOCAL_MINUTES("local-minutes", "local call minutes"),
    LONG_DISTANCE_MINUTES("long-distance-minutes", "long-distance call minutes"),
    SMS("sms", "text messages sent"),
    CALLER_ID("caller-id", "days with caller ID"),
    RINGBACK("ringback", "days with ring-back tone"),
    CUG("cug", "days in a closed user group");

    private final String key;
    private final String description;

    ConsumptionService(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
