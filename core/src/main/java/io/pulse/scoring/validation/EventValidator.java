package io.pulse.scoring.validation;

import io.pulse.schema.EventType;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;

import java.time.Instant;

/**
 * The rules a subscriber event must satisfy beyond its schema: the fields its type needs, and
 * values in physically possible ranges. An event failing them goes to the dead-letter topic.
 *
 * <p>Every string is bounded, because strings end up in state (service codes, the ids of open
 * faults and unpaid bills) and in alerts (the competitor's name): one 100k-character field must not
 * grow a subscriber's state or an alert by 100k. Quantities are checked whenever present, not only
 * on the types that use them today, so a negative duration on a care contact cannot start counting
 * when a rule starts reading it. A bill due, or a repair committed, more than a year after the
 * event is a typo, not a deadline (and near {@code Long.MAX_VALUE} a due time would overflow as
 * soon as a rule adds a grace period to it).
 */
public final class EventValidator implements RecordValidator<SubscriberEvent> {
    private static final long serialVersionUID = 1L;

    static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    static final long MAX_FUTURE_MILLIS = 86_400_000L;
    static final int MAX_ID_LENGTH = 128;
    static final int MAX_CALL_SECONDS = 86_400;
    static final long MAX_DATA_BYTES = 1L << 40;
    static final long MAX_AMOUNT_MINOR = 10_000_000_000L;
    static final int MAX_TEXT_LENGTH = 128;
    static final long MAX_DEADLINE_MILLIS = 366L * 86_400_000L;

    @Override
    public String problem(SubscriberEvent e, long now) {
        String problem = identity(e);
        if (problem != null) {
            return problem;
        }
        if (e.getEventTime() < EARLIEST) {
            return "eventTime " + e.getEventTime() + " is before 2000-01-01";
        }
        if (e.getEventTime() > now + MAX_FUTURE_MILLIS) {
            return "eventTime "
                    + Instant.ofEpochMilli(e.getEventTime())
                    + " is more than a day in the future";
        }
        problem = firstProblem(text(e), quantities(e));
        return problem != null ? problem : fieldsOfType(e);
    }

    private static String text(SubscriberEvent e) {
        return firstProblem(
                length("referenceId", e.getReferenceId(), MAX_ID_LENGTH),
                length("serviceCode", e.getServiceCode(), MAX_TEXT_LENGTH),
                length("competitor", e.getCompetitor(), MAX_TEXT_LENGTH),
                length("cellId", e.getCellId(), MAX_ID_LENGTH));
    }

    private static String quantities(SubscriberEvent e) {
        EventType type = e.getType();
        return firstProblem(
                e.getDurationSec() == null
                        ? null
                        : range(type, "durationSec", e.getDurationSec(), 0, MAX_CALL_SECONDS),
                e.getDataBytes() == null
                        ? null
                        : range(type, "dataBytes", e.getDataBytes(), 0, MAX_DATA_BYTES),
                e.getAmountMinor() == null
                        ? null
                        : range(type, "amountMinor", e.getAmountMinor(), 0, MAX_AMOUNT_MINOR));
    }

    static String length(String field, String value, int max) {
        if (value != null && value.length() > max) {
            return field + " is " + value.length() + " characters, at most " + max + " allowed";
        }
        return null;
    }

    private static String identity(SubscriberEvent e) {
        if (e.getEventId().isBlank() || e.getEventId().length() > MAX_ID_LENGTH) {
            return "eventId must be 1 to " + MAX_ID_LENGTH + " characters";
        }
        if (e.getSubscriberId().isBlank() || e.getSubscriberId().length() > MAX_ID_LENGTH) {
            return "subscriberId must be 1 to " + MAX_ID_LENGTH + " characters";
        }
        return null;
    }

    private static String fieldsOfType(SubscriberEvent e) {
        EventType type = e.getType();
        switch (type) {
            case VOICE_CALL:
                return firstProblem(
                        required(type, "direction", e.getDirection()),
                        required(type, "callScope", e.getCallScope()),
                        range(type, "durationSec", e.getDurationSec(), 0, MAX_CALL_SECONDS));
            case SMS:
                return required(type, "direction", e.getDirection());
            case DATA_SESSION:
                return range(type, "dataBytes", e.getDataBytes(), 0, MAX_DATA_BYTES);
            case TOP_UP:
            case PAYMENT:
                return range(type, "amountMinor", e.getAmountMinor(), 1, MAX_AMOUNT_MINOR);
            case BILL:
                return firstProblem(
                        range(type, "amountMinor", e.getAmountMinor(), 0, MAX_AMOUNT_MINOR),
                        range(
                                type,
                                "dueTime",
                                e.getDueTime(),
                                e.getEventTime(),
                                e.getEventTime() + MAX_DEADLINE_MILLIS));
            case COMPLAINT:
                return firstProblem(
                        required(type, "category", e.getCategory()),
                        range(type, "severity", e.getSeverity(), 1, 3));
            case FAULT_REPORT:
                return e.getCommitTime() == null
                        ? null
                        : range(
                                type,
                                "commitTime",
                                e.getCommitTime(),
                                e.getEventTime(),
                                e.getEventTime() + MAX_DEADLINE_MILLIS);
            case FAULT_CLEARED:
                return required(type, "referenceId", e.getReferenceId());
            case SURVEY:
                return range(type, "surveyScore", e.getSurveyScore(), 1, 5);
            case SERVICE_CHANGE:
                return firstProblem(
                        requiredText(type, "serviceCode", e.getServiceCode()),
                        oneOf(type, e.getAction(), ServiceAction.SUBSCRIBE, ServiceAction.CANCEL));
            case PLAN_CHANGE:
                return oneOf(type, e.getAction(), ServiceAction.UPGRADE, ServiceAction.DOWNGRADE);
            case STATUS_CHANGE:
                return required(type, "status", e.getStatus());
            default:
                return null;
        }
    }

    private static String required(EventType type, String field, Object value) {
        return value == null ? type + " needs " + field : null;
    }

    private static String requiredText(EventType type, String field, String value) {
        return value == null || value.isBlank() ? type + " needs " + field : null;
    }

    private static String range(EventType type, String field, Number value, long min, long max) {
        if (value == null) {
            return type + " needs " + field;
        }
        long v = value.longValue();
        if (v < min || v > max) {
            return type + " " + field + " " + v + " is out of range [" + min + ", " + max + "]";
        }
        return null;
    }

    private static String oneOf(
            EventType type, ServiceAction action, ServiceAction a, ServiceAction b) {
        if (action != a && action != b) {
            return type + " needs action " + a + " or " + b + ", got " + action;
        }
        return null;
    }

    static String firstProblem(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
