package io.pulse.scoring.logic;

import io.pulse.schema.Direction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.state.UsageCounters;

/** Adding events and buckets into {@link UsageCounters}. */
public final class UsageMath {
    private UsageMath() {}

    public static UsageCounters zero() {
        return new UsageCounters(0, 0L, 0L, 0L, 0L, 0, 0L, 0, 0, 0L, 0, 0L, 0L, 0L, 0, 0, 0);
    }

    public static UsageCounters copy(UsageCounters c) {
        return UsageCounters.newBuilder(c).build();
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
                }
                break;
            case DATA_SESSION:
                c.setDataBytes(c.getDataBytes() + orZero(e.getDataBytes()));
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
        target.setOutCalls(target.getOutCalls() + other.getOutCalls());
        target.setOutLocalSec(target.getOutLocalSec() + other.getOutLocalSec());
        target.setOutLongDistanceSec(target.getOutLongDistanceSec() + other.getOutLongDistanceSec());
        target.setOutInternationalSec(target.getOutInternationalSec() + other.getOutInternationalSec());
        target.setOutRoamingSec(target.getOutRoamingSec() + other.getOutRoamingSec());
        target.setInCalls(target.getInCalls() + other.getInCalls());
        target.setInSec(target.getInSec() + other.getInSec());
        target.setSmsOut(target.getSmsOut() + other.getSmsOut());
        target.setSmsIn(target.getSmsIn() + other.getSmsIn());
        target.setDataBytes(target.getDataBytes() + other.getDataBytes());
        target.setDroppedCalls(target.getDroppedCalls() + other.getDroppedCalls());
        target.setTopUpMinor(target.getTopUpMinor() + other.getTopUpMinor());
        target.setPaymentMinor(target.getPaymentMinor() + other.getPaymentMinor());
        target.setBilledMinor(target.getBilledMinor() + other.getBilledMinor());
        target.setCareContacts(target.getCareContacts() + other.getCareContacts());
        target.setComplaints(target.getComplaints() + other.getComplaints());
        target.setFaults(target.getFaults() + other.getFaults());
    }

    /** Outgoing call minutes of all scopes plus messages sent: the traffic measure of decline rules. */
    public static double outgoingTraffic(UsageCounters c) {
        long seconds = c.getOutLocalSec() + c.getOutLongDistanceSec() + c.getOutInternationalSec() + c.getOutRoamingSec();
        return seconds / 60.0 + c.getSmsOut();
    }

    private static long orZero(Number n) {
        return n == null ? 0L : n.longValue();
    }
}
