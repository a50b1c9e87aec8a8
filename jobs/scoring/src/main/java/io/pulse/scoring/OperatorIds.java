package io.pulse.scoring;

/**
 * Stable uids of every stateful operator, source and sink: savepoints bind state to them, so they
 * never change once released. Names are what operators see in the Flink web UI.
 */
public final class OperatorIds {
    public static final String EVENTS_SOURCE = "subscriber-events-source";
    public static final String PROFILES_SOURCE = "subscriber-profiles-source";
    public static final String SPLIT_EVENTS = "split-unreadable-events";
    public static final String SPLIT_PROFILES = "split-unreadable-profiles";
    public static final String CONTROL_SOURCE = "pulse-control-source";
    public static final String SPLIT_CONTROL = "split-unreadable-control";
    public static final String INCIDENTS_SOURCE = "network-incidents-source";
    public static final String SPLIT_INCIDENTS = "split-unreadable-incidents";
    public static final String TAG_CONTROL = "broadcast-inputs-control";
    public static final String TAG_INCIDENTS = "broadcast-inputs-incidents";
    public static final String TAG_EVENTS = "subscriber-inputs-events";
    public static final String TAG_PROFILES = "subscriber-inputs-profiles";
    public static final String SCORE_SUBSCRIBERS = "score-subscribers";
    public static final String COUNT_AREA_SIGNALS = "count-area-signals";
    public static final String WATCH_AREAS = "watch-areas";
    public static final String WATCH_ACCOUNTS = "watch-accounts";
    public static final String SCORES_SINK = "subscriber-scores-sink";
    public static final String ALERTS_SINK = "subscriber-alerts-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String INCIDENTS_SINK = "network-incidents-sink";
    public static final String ACCOUNT_ALERTS_SINK = "account-alerts-sink";
    public static final String CONTROL_ACKS_SINK = "pulse-control-acks-sink";

    private OperatorIds() {}
}
