package io.pulse.simulator;

/**
 * What was really the matter with a subscriber for a while, as the simulated world knows it: the
 * truth an alert is measured against. Some come from a planted behaviour or a way out, some from
 * single events (a bill paid late, a repair that missed its time), some from ordinary life.
 */
public enum Condition {
    /**
     * In a spell of bad experiences: a complainer, a faulty line, disappointment on the way out.
     */
    DISSATISFIED,
    /** A bill unpaid past its due date, until it is paid. */
    ARREARS,
    /** The line suspended for arrears. */
    SUSPENDED,
    /** A bill several times the usual one, for the month after it. */
    BILL_SHOCK,
    /** A cloned SIM's day of calls. */
    FRAUD,
    /** A fault not repaired by its committed time, until it is. */
    REPAIR_LATE,
    /** Usage falling or fallen for good: a decliner, or traffic moving away before leaving. */
    USAGE_DECLINE,
    /**
     * No activity of their own: a SIM in a drawer, a line no longer used before it is cancelled.
     */
    SILENCE,
    /** Voice moved elsewhere: no calls made or received. */
    NO_CALLS,
    /** Approached by competitors. */
    COMPETITOR_APPROACH,
    /** A key account's line whose spend fell within a week and stays down. */
    SPEND_DECLINE,
    /** The contract ends within three months. */
    CONTRACT_ENDING,
    /** A day or a few of many times the usual mobile data (a tethered laptop, an app run wild). */
    DATA_SURGE,
    /**
     * Paid use of their own (outgoing calls, messages, top-ups) fallen to a fraction from one day
     * to the next, for weeks (moved to a second SIM or a work phone).
     */
    SPEND_COLLAPSE,
    /** A few days in which the network drops a large share of the line's calls. */
    CALL_DROPS,
    /** Ordinary life: a quiet spell, using the line far less for some days. */
    QUIET_SPELL,
    /** Ordinary life: a trip abroad. */
    TRAVEL,
    /**
     * Cut off by a network outage in their region: nothing made or received while it lasts. One
     * window per subscriber cut off, each with the outage's region and id ({@link
     * ConditionWindow#scope()}, {@link ConditionWindow#caseId()}); the rest of the region carried
     * on.
     */
    NETWORK_OUTAGE,
    /**
     * A line of a key account that moves part of its lines to a competitor, on its way out: from
     * its first possible sign to its port-out. One window per moving line, each with the account
     * and the move's id ({@link ConditionWindow#scope()}, {@link ConditionWindow#caseId()}); the
     * account's other lines stay.
     */
    ACCOUNT_MOVE
}
