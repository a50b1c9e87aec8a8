package io.pulse.scoring.usage;

import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.Direction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.state.UsageCounters;

/** Adding events and buckets into {@link UsageCounters}. */
public final class UsageMath {
    public static final int PEAK_START = 7;
    public static final int EVENING_START = 19;
    public static final int NIGHT_START = 23;

    private UsageMath() {}

    public static UsageCounters zero() {
        return new UsageCounters(
                0, 0L, 0L, 0L, 0L, 0, 0L, 0, 0, 0L, 0, 0L, 0L, 0L, 0, 0, 0, 0, 0, 0L, 0, 0L, 0L, 0,
                0L, 0L, 0, 0, 0);
    }

    /** Adds what one event contributes to a day's usage. */
    public static void add(UsageCounters c, SubscriberEvent e) {
        switch (e.getType()) {
            case VOICE_CALL:
                long seconds = orZero(e.getDurationSec());
                if (e.getDirection() == Direction.INCOMING) {
                    c.setInCalls(c.getInCalls() + 1);
                    c.setInSec(c.getInSec() + seconds);
                } else {
                    c.setOutCalls(c.getOutCalls() + 1);
                    c.setCallChargeMinor(c.getCallChargeMinor() + orZero(e.getAmountMinor()));
                    if (e.getCallScope() == CallScope.INTERNATIONAL) {
                        c.setOutInternationalCalls(c.getOutInternationalCalls() + 1);
                    } else {
                        addToBand(c, e.getEventTime(), seconds);
                    }
                    switch (e.getCallScope()) {
                        case LONG_DISTANCE:
                            c.setOutLongDistanceSec(c.getOutLongDistanceSec() + seconds);
                            break;
                        case INTERNATIONAL:
                            c.setOutInternationalSec(c.getOutInternationalSec() + seconds);
                            break;
                        case ROAMING:
                            c.setOutRoamingSec(c.getOutRoamingSec() + seconds);
                            break;
                        default:
                            c.setOutLocalSec(c.getOutLocalSec() + seconds);
                    }
                }
                if (Boolean.TRUE.equals(e.getDropped())) {
                    c.setDroppedCalls(c.getDroppedCalls() + 1);
                }
                break;
            case SMS:
                if (e.getDirection() == Direction.INCOMING) {
                    c.setSmsIn(c.getSmsIn() + 1);
                } else {
                    c.setSmsOut(c.getSmsOut() + 1);
                    c.setSmsChargeMinor(c.getSmsChargeMinor() + orZero(e.getAmountMinor()));
                }
                break;
            case DATA_SESSION:
                c.setDataBytes(c.getDataBytes() + orZero(e.getDataBytes()));
                c.setDataChargeMinor(c.getDataChargeMinor() + orZero(e.getAmountMinor()));
                break;
            case TOP_UP:
                c.setTopUpMinor(c.getTopUpMinor() + orZero(e.getAmountMinor()));
                break;
            case PAYMENT:
                c.setPaymentMinor(c.getPaymentMinor() + orZero(e.getAmountMinor()));
                break;
            case BILL:
                c.setBilledMinor(c.getBilledMinor() + orZero(e.getAmountMinor()));
                break;
            case CARE_CONTACT:
                c.setCareContacts(c.getCareContacts() + 1);
                break;
            case COMPLAINT:
                c.setComplaints(c.getComplaints() + 1);
                c.setComplaintSeverity(
                        c.getComplaintSeverity() + (e.getSeverity() == null ? 1 : e.getSeverity()));
                addByCategory(c, e.getCategory());
                break;
            case FAULT_REPORT:
                c.setFaults(c.getFaults() + 1);
                break;
            default:
                // status, plan, service, survey and competitor events carry no usage
        }
    }

    /** target += other, field by field. */
    public static void plus(UsageCounters target, UsageCounters other) {
        plus(target, other, 1, 1);
    }

    /**
     * target += other * part / whole, field by field, each rounded: the share of a bucket of {@code
     * whole} days that {@code part} of its days bring to a window.
     */
    public static void plus(UsageCounters target, UsageCounters other, int part, int whole) {
        target.setOutCalls(target.getOutCalls() + share(other.getOutCalls(), part, whole));
        target.setOutLocalSec(target.getOutLocalSec() + share(other.getOutLocalSec(), part, whole));
        target.setOutLongDistanceSec(
                target.getOutLongDistanceSec() + share(other.getOutLongDistanceSec(), part, whole));
        target.setOutInternationalSec(
                target.getOutInternationalSec()
                        + share(other.getOutInternationalSec(), part, whole));
        target.setOutRoamingSec(
                target.getOutRoamingSec() + share(other.getOutRoamingSec(), part, whole));
        target.setInCalls(target.getInCalls() + share(other.getInCalls(), part, whole));
        target.setInSec(target.getInSec() + share(other.getInSec(), part, whole));
        target.setSmsOut(target.getSmsOut() + share(other.getSmsOut(), part, whole));
        target.setSmsIn(target.getSmsIn() + share(other.getSmsIn(), part, whole));
        target.setDataBytes(target.getDataBytes() + share(other.getDataBytes(), part, whole));
        target.setDroppedCalls(
                target.getDroppedCalls() + share(other.getDroppedCalls(), part, whole));
        target.setTopUpMinor(target.getTopUpMinor() + share(other.getTopUpMinor(), part, whole));
        target.setPaymentMinor(
                target.getPaymentMinor() + share(other.getPaymentMinor(), part, whole));
        target.setBilledMinor(target.getBilledMinor() + share(other.getBilledMinor(), part, whole));
        target.setCareContacts(
                target.getCareContacts() + share(other.getCareContacts(), part, whole));
        target.setComplaints(target.getComplaints() + share(other.getComplaints(), part, whole));
        target.setFaults(target.getFaults() + share(other.getFaults(), part, whole));
        target.setOutInternationalCalls(
                target.getOutInternationalCalls()
                        + share(other.getOutInternationalCalls(), part, whole));
        target.setPeakCalls(target.getPeakCalls() + share(other.getPeakCalls(), part, whole));
        target.setPeakSec(target.getPeakSec() + share(other.getPeakSec(), part, whole));
        target.setEveningCalls(
                target.getEveningCalls() + share(other.getEveningCalls(), part, whole));
        target.setEveningSec(target.getEveningSec() + share(other.getEveningSec(), part, whole));
        target.setCallChargeMinor(
                target.getCallChargeMinor() + share(other.getCallChargeMinor(), part, whole));
        target.setComplaintSeverity(
                target.getComplaintSeverity() + share(other.getComplaintSeverity(), part, whole));
        target.setSmsChargeMinor(
                target.getSmsChargeMinor() + share(other.getSmsChargeMinor(), part, whole));
        target.setDataChargeMinor(
                target.getDataChargeMinor() + share(other.getDataChargeMinor(), part, whole));
        target.setPriceComplaints(
                target.getPriceComplaints() + share(other.getPriceComplaints(), part, whole));
        target.setNetworkComplaints(
                target.getNetworkComplaints() + share(other.getNetworkComplaints(), part, whole));
        target.setServiceAttitudeComplaints(
                target.getServiceAttitudeComplaints()
                        + share(other.getServiceAttitudeComplaints(), part, whole));
    }

    private static long share(long value, int part, int whole) {
        return part == whole ? value : Math.round((double) value * part / whole);
    }

    private static int share(int value, int part, int whole) {
        return part == whole ? value : (int) Math.round((double) value * part / whole);
    }

    /**
     * The categories that point to a churn cause (docs/specification.md, section 5): PRICE to the
     * competitive one, NETWORK and COVERAGE and SERVICE_ATTITUDE to disappointment.
     */
    private static void addByCategory(UsageCounters c, ComplaintCategory category) {
        if (category == null) {
            return;
        }
        switch (category) {
            case PRICE:
                c.setPriceComplaints(c.getPriceComplaints() + 1);
                break;
            case NETWORK:
            case COVERAGE:
                c.setNetworkComplaints(c.getNetworkComplaints() + 1);
                break;
            case SERVICE_ATTITUDE:
                c.setServiceAttitudeComplaints(c.getServiceAttitudeComplaints() + 1);
                break;
            default:
                // BILLING weighs on satisfaction; the others only in the complaint counts
        }
    }

    /**
     * Zeroes the fields that nothing reads beyond the last 30 days, when a day leaves month 1: the
     * time-of-day bands of outgoing calls and the payments. Everything docs/specification.md,
     * section 3 lists (calls and minutes by scope, SMS, data, spend, top-ups, complaints, dropped
     * calls, faults) stays for the whole retention. {@code UsageWindowsTest} holds this list
     * against the features, scores and alert rules.
     */
    public static void keepOlderMonthFields(UsageCounters c) {
        c.setPaymentMinor(0L);
        c.setPeakCalls(0);
        c.setPeakSec(0L);
        c.setEveningCalls(0);
        c.setEveningSec(0L);
    }

    /**
     * Peak 07:00-19:00 and evening 19:00-23:00 (UTC, like the daily buckets); the rest is night.
     */
    private static void addToBand(UsageCounters c, long eventTime, long seconds) {
        int hour = (int) (Math.floorMod(eventTime, Days.MILLIS_PER_DAY) / Days.MILLIS_PER_HOUR);
        if (hour >= PEAK_START && hour < EVENING_START) {
            c.setPeakCalls(c.getPeakCalls() + 1);
            c.setPeakSec(c.getPeakSec() + seconds);
        } else if (hour >= EVENING_START && hour < NIGHT_START) {
            c.setEveningCalls(c.getEveningCalls() + 1);
            c.setEveningSec(c.getEveningSec() + seconds);
        }
    }

    /** Outgoing domestic calls outside the peak and evening bands. */
    public static int nightCalls(UsageCounters c) {
        return c.getOutCalls()
                - c.getOutInternationalCalls()
                - c.getPeakCalls()
                - c.getEveningCalls();
    }

    public static long nightSec(UsageCounters c) {
        return domesticSec(c) - c.getPeakSec() - c.getEveningSec();
    }

    public static long domesticSec(UsageCounters c) {
        return c.getOutLocalSec() + c.getOutLongDistanceSec() + c.getOutRoamingSec();
    }

    /**
     * Outgoing call minutes of all scopes plus messages sent: the traffic measure of decline rules.
     */
    public static double outgoingTraffic(UsageCounters c) {
        return outgoingSec(c) / 60.0 + c.getSmsOut();
    }

    public static long outgoingSec(UsageCounters c) {
        return domesticSec(c) + c.getOutInternationalSec();
    }

    private static long orZero(Number n) {
        return n == null ? 0L : n.longValue();
    }
}
