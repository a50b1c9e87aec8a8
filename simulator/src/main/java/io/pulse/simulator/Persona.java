package io.pulse.simulator;

/**
 * How a subscriber uses the line, whatever else happens to them: the usual rates of calls, messages
 * and data against an ordinary subscriber's, and the rhythm of their day. Drawn for every
 * subscriber independently of planted behaviours and churn, so that a light user or a data-only
 * user is as likely to stay as anyone.
 */
public enum Persona {
    /** The ordinary mix of calls, messages and data over the day. */
    ORDINARY(1.0, 1.0, 1.0, Rhythm.PERSONAL),
    /** A few calls and messages a day, little data. */
    LIGHT(0.25, 0.3, 0.3, Rhythm.PERSONAL),
    /** Calls and data two to three times the ordinary amount. */
    HEAVY(2.5, 1.5, 2.0, Rhythm.PERSONAL),
    /** Most activity late in the evening and at night. */
    NIGHT_OWL(1.0, 1.2, 1.2, Rhythm.NIGHT),
    /** Messaging apps instead of calls: almost no calls or messages, much data. */
    DATA_ONLY(0.05, 0.2, 2.5, Rhythm.PERSONAL);

    final double voice;
    final double sms;
    final double data;
    final Rhythm rhythm;

    Persona(double voice, double sms, double data, Rhythm rhythm) {
        this.voice = voice;
        this.sms = sms;
        this.data = data;
        this.rhythm = rhythm;
    }
}
