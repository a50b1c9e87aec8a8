package io.pulse.simulator;

/**
 * One sign a subscriber on the way out may show in the weeks before leaving (or while considering
 * it), grouped by the churn cause that produces it. Each churner shows a random subset: not every
 * churner shows every sign, and some show none.
 */
public enum Sign {
    /**
     * Competitive: traffic moves to the new operator's SIM, falling week by week until the
     * port-out.
     */
    USAGE_MIGRATION,
    /**
     * Competitive: approached by competitors (a recorded contact or a number-portability inquiry).
     */
    COMPETITOR_CONTACTS,
    /** Competitive: complaints about the price. */
    PRICE_COMPLAINTS,
    /**
     * Competitive, disappointment, malicious: calls to customer service (tariffs, porting,
     * disputes, problems).
     */
    CARE_CONTACTS,
    /** Competitive: a move to a cheaper plan. */
    PLAN_DOWNGRADE,
    /** Competitive: value-added services cancelled. */
    SERVICE_CANCELS,
    /** Disappointment: dropped calls and faults whose repairs are mostly late. */
    NETWORK_TROUBLE,
    /**
     * Disappointment: complaints about the network, coverage, service attitude or slow response.
     */
    SERVICE_COMPLAINTS,
    /** Disappointment: dissatisfied answers to satisfaction surveys. */
    LOW_SURVEYS,
    /** Disappointment: usage falls in the last weeks. */
    LATE_DECLINE,
    /** Malicious: bills stop being paid. */
    STOPS_PAYING,
    /** Malicious: heavier use than usual before the line is suspended. */
    RUNS_UP_BILL,
    /** Malicious: the line is suspended for arrears before it is removed. */
    SUSPENDED,
    /** Natural: usage fades over some weeks (moving away, needs ended). */
    FADES,
    /**
     * Natural: all use stops some days before the line is cancelled (moved abroad, SIM in a
     * drawer).
     */
    STOPS_USING
}
