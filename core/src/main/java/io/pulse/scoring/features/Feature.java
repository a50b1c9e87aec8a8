package io.pulse.scoring.features;

import io.pulse.schema.ChurnCause;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static io.pulse.schema.ChurnCause.COMPETITIVE;
import static io.pulse.schema.ChurnCause.DISAPPOINTMENT;
import static io.pulse.schema.ChurnCause.MALICIOUS;
import static io.pulse.schema.ChurnCause.NATURAL;
import static io.pulse.scoring.features.FeatureKind.COUNT;
import static io.pulse.scoring.features.FeatureKind.DAYS;
import static io.pulse.scoring.features.FeatureKind.FLAG;
import static io.pulse.scoring.features.FeatureKind.MEGABYTES;
import static io.pulse.scoring.features.FeatureKind.MINUTES;
import static io.pulse.scoring.features.FeatureKind.SCORE;
import static io.pulse.scoring.features.FeatureKind.SHARE;
import static io.pulse.scoring.features.FeatureKind.TREND;
import static io.pulse.scoring.features.FeatureKind.YUAN;
import static io.pulse.scoring.features.FeatureKind.YUAN_PER_MINUTE;

/**
 * The churn features, in the order of the feature vector. A model file names these features; the
 * job refuses a model trained on a different list. Each feature says how it reads to an account
 * manager and which churn cause it points to when it raises the risk. A feature whose input the
 * subscriber's events do not carry is missing ({@link Double#NaN}), never zero: see {@link
 * FeatureExtractor}.
 */
public enum Feature {
    VOICE_MINUTES_30D(MINUTES, NATURAL, "Outgoing call minutes, last 30 days"),
    VOICE_MINUTES_60D(MINUTES, NATURAL, "Outgoing call minutes, last 60 days"),
    VOICE_MINUTES_90D(MINUTES, NATURAL, "Outgoing call minutes, last 90 days"),
    VOICE_MINUTES_TREND(
            TREND, NATURAL, "Change of call minutes, last 30 days against the months before"),
    SMS_30D(COUNT, NATURAL, "Messages sent, last 30 days"),
    SMS_60D(COUNT, NATURAL, "Messages sent, last 60 days"),
    SMS_90D(COUNT, NATURAL, "Messages sent, last 90 days"),
    SMS_TREND(TREND, NATURAL, "Change of messages sent, last 30 days against the months before"),
    DATA_MB_30D(MEGABYTES, NATURAL, "Mobile data, last 30 days"),
    DATA_MB_60D(MEGABYTES, NATURAL, "Mobile data, last 60 days"),
    DATA_MB_90D(MEGABYTES, NATURAL, "Mobile data, last 90 days"),
    DATA_MB_TREND(TREND, NATURAL, "Change of mobile data, last 30 days against the months before"),
    CALLS_30D(COUNT, NATURAL, "Outgoing calls, last 30 days"),
    PEAK_MINUTES_30D(MINUTES, COMPETITIVE, "Daytime (07-19h) call minutes, last 30 days"),
    PEAK_CALLS_30D(COUNT, NATURAL, "Daytime (07-19h) calls, last 30 days"),
    EVENING_MINUTES_30D(MINUTES, COMPETITIVE, "Evening (19-23h) call minutes, last 30 days"),
    EVENING_CALLS_30D(COUNT, NATURAL, "Evening (19-23h) calls, last 30 days"),
    NIGHT_MINUTES_30D(MINUTES, NATURAL, "Night (23-07h) call minutes, last 30 days"),
    NIGHT_CALLS_30D(COUNT, NATURAL, "Night (23-07h) calls, last 30 days"),
    LONG_DISTANCE_MINUTES_30D(MINUTES, COMPETITIVE, "Long-distance call minutes, last 30 days"),
    INTERNATIONAL_MINUTES_30D(MINUTES, COMPETITIVE, "International call minutes, last 30 days"),
    INTERNATIONAL_CALLS_30D(COUNT, COMPETITIVE, "International calls, last 30 days"),
    INCOMING_MINUTES_30D(MINUTES, NATURAL, "Incoming call minutes, last 30 days"),
    CALL_CHARGES_30D(YUAN, COMPETITIVE, "Call charges, last 30 days"),
    CHARGE_PER_MINUTE_30D(
            YUAN_PER_MINUTE, COMPETITIVE, "Average price of a call minute, last 30 days"),
    DAYS_SINCE_OUTGOING(
            DAYS, NATURAL, "Days since the last outgoing call, message or data session"),
    CARE_CONTACTS_30D(COUNT, DISAPPOINTMENT, "Calls to customer service, last 30 days"),
    CARE_CONTACTS_90D(COUNT, DISAPPOINTMENT, "Calls to customer service, last 90 days"),
    DAYS_SINCE_CARE_CONTACT(DAYS, DISAPPOINTMENT, "Days since the last call to customer service"),
    COMPLAINTS_90D(COUNT, DISAPPOINTMENT, "Complaints, last 90 days"),
    COMPLAINT_SEVERITY_90D(
            COUNT, DISAPPOINTMENT, "Complaint severity (sum of 1-3 per complaint), last 90 days"),
    DAYS_SINCE_COMPLAINT(DAYS, DISAPPOINTMENT, "Days since the last complaint"),
    DROPPED_CALLS_30D(COUNT, DISAPPOINTMENT, "Dropped calls, last 30 days"),
    DROPPED_CALL_SHARE_30D(SHARE, DISAPPOINTMENT, "Share of calls dropped, last 30 days"),
    FAULTS_90D(COUNT, DISAPPOINTMENT, "Faults reported, last 90 days"),
    OPEN_FAULTS(COUNT, DISAPPOINTMENT, "Faults not yet repaired"),
    OVERDUE_REPAIRS(COUNT, DISAPPOINTMENT, "Repairs past their committed time"),
    BILLED_30D(YUAN, COMPETITIVE, "Billed, last 30 days"),
    BILLED_90D(YUAN, COMPETITIVE, "Billed, last 90 days"),
    UNPAID_BILLS(COUNT, MALICIOUS, "Unpaid bills"),
    OVERDUE_BILLS(COUNT, MALICIOUS, "Bills unpaid past their due date"),
    UNPAID_AMOUNT(YUAN, MALICIOUS, "Amount unpaid"),
    PLAN_FEE(YUAN, COMPETITIVE, "Monthly fee of the plan"),
    INTERNATIONAL_PLAN(FLAG, COMPETITIVE, "Has an international calling plan"),
    VOICEMAIL_PLAN(FLAG, NATURAL, "Has voicemail"),
    VALUE_ADDED_SERVICES(COUNT, NATURAL, "Value-added services subscribed"),
    TENURE_DAYS(DAYS, NATURAL, "Days since activation"),
    DAYS_TO_CONTRACT_END(DAYS, NATURAL, "Days until the contract ends (730: no contract)"),
    SATISFACTION(SCORE, DISAPPOINTMENT, "Satisfaction score (0-100)"),
    LAST_SURVEY_SCORE(SCORE, DISAPPOINTMENT, "Latest survey answer (1-5)"),
    DAYS_SINCE_COMPETITOR_CONTACT(DAYS, COMPETITIVE, "Days since a competitor's last approach"),
    DAYS_OVERDUE(DAYS, MALICIOUS, "Days the oldest unpaid bill is past its due date"),
    SUSPENDED(FLAG, MALICIOUS, "Line suspended"),
    OBSERVED_DAYS(DAYS, NATURAL, "Days of history the job has seen"),
    DOWNGRADES_90D(COUNT, COMPETITIVE, "Plan downgrades, last 90 days"),
    PRICE_COMPLAINTS_90D(COUNT, COMPETITIVE, "Complaints about price, last 90 days"),
    NETWORK_COMPLAINTS_90D(
            COUNT, DISAPPOINTMENT, "Complaints about the network or coverage, last 90 days"),
    SERVICE_ATTITUDE_COMPLAINTS_90D(
            COUNT, DISAPPOINTMENT, "Complaints about service attitude, last 90 days");

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Feature f : values()) {
            names.add(f.featureName());
        }
        NAMES = Collections.unmodifiableList(names);
    }

    private final FeatureKind kind;
    private final ChurnCause cause;
    private final String label;

    Feature(FeatureKind kind, ChurnCause cause, String label) {
        this.kind = kind;
        this.cause = cause;
        this.label = label;
    }

    /** The names of all features in vector order, as a model file lists them. */
    public static List<String> names() {
        return NAMES;
    }

    public static int count() {
        return NAMES.size();
    }

    /** The name in model files and reason codes, e.g. {@code care_contacts_30d}. */
    public String featureName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ChurnCause cause() {
        return cause;
    }

    /** E.g. "Calls to customer service, last 30 days: 5 (typical subscriber: 1.6)". */
    public String describe(double value, double typical) {
        return label
                + ": "
                + kind.format(value)
                + " (typical subscriber: "
                + kind.format(typical)
                + ")";
    }
}
