package io.pulse.simulator;

/** One kind of thing a subscriber does or has happen to them; each occurrence becomes one event. */
enum Activity {
    OUTGOING_CALL(Rhythm.PERSONAL, true, true),
    INCOMING_CALL(Rhythm.PERSONAL, false, true),
    OUTGOING_SMS(Rhythm.PERSONAL, true, true),
    INCOMING_SMS(Rhythm.PERSONAL, false, true),
    DATA_SESSION(Rhythm.PERSONAL, true, true),
    TOP_UP(Rhythm.PERSONAL, true, true),
    SERVICE_SUBSCRIBE(Rhythm.OFFICE, true, false),
    SERVICE_CANCEL(Rhythm.OFFICE, true, false),
    /** An ordinary complaint, of any category. */
    COMPLAINT(Rhythm.OFFICE, true, false),
    /**
     * A complaint about the network, coverage, service attitude or slow response, often serious.
     */
    SERVICE_COMPLAINT(Rhythm.OFFICE, true, false),
    PRICE_COMPLAINT(Rhythm.OFFICE, true, false),
    CARE_CONTACT(Rhythm.OFFICE, true, false),
    FAULT_REPORT(Rhythm.OFFICE, true, false),
    /** A survey answer from a subscriber content with the service, mostly. */
    SURVEY(Rhythm.OFFICE, true, false),
    /** A survey answer from a dissatisfied subscriber. */
    LOW_SURVEY(Rhythm.OFFICE, true, false),
    COMPETITOR_CONTACT(Rhythm.OFFICE, false, false),
    PLAN_CHANGE(Rhythm.OFFICE, true, false);

    static final Activity[] ALL = values();

    final Rhythm rhythm;

    /** Initiated by the subscriber: a silent subscriber no longer does it. */
    final boolean bySubscriber;

    /** Traffic or spend: scaled by the subscriber's usage trend. */
    final boolean usage;

    Activity(Rhythm rhythm, boolean bySubscriber, boolean usage) {
        this.rhythm = rhythm;
        this.bySubscriber = bySubscriber;
        this.usage = usage;
    }
}
