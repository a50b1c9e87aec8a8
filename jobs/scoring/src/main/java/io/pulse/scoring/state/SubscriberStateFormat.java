package io.pulse.scoring.state;

import io.pulse.schema.AlertType;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberStatus;
import io.pulse.schema.ValueTier;
import io.pulse.scoring.usage.Days;
import io.pulse.state.EmittedScore;
import io.pulse.state.OpenEpisode;
import io.pulse.state.OpenFault;
import io.pulse.state.PlanChange;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UnpaidBill;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SubscriberState} in state, formats 1 (Pulse 0.1) to 4. Times are written as differences
 * from the latest activity, which is written first, so they take three or four bytes instead of
 * eight. Fields that are mostly absent (null, zero, empty) are listed in a bit mask and written
 * only when set. Enums are written by position: their symbols may only be appended to (a test holds
 * them). Format 2 adds the counters of {@link UsageCountersFormat} format 2, a service's monthly
 * fee and the plan changes (a new bit of the mask); format 3 an open episode's incident (its
 * contact flag becomes a flags byte); format 4 the boosted model's split sides (a new bit of the
 * mask).
 */
final class SubscriberStateFormat {
    private static final SubscriberStatus[] STATUSES = SubscriberStatus.values();
    private static final AlertType[] ALERT_TYPES = AlertType.values();
    private static final Severity[] SEVERITIES = Severity.values();
    private static final LifecycleStage[] STAGES = LifecycleStage.values();
    private static final ValueTier[] TIERS = ValueTier.values();

    private static final int LAST_OUTGOING = 1;
    private static final int STATUS_TIME = 1 << 1;
    private static final int SERVICES = 1 << 2;
    private static final int OPEN_FAULTS = 1 << 3;
    private static final int UNPAID_BILLS = 1 << 4;
    private static final int SURVEYS = 1 << 5;
    private static final int SATISFACTION_ANCHOR = 1 << 6;
    private static final int PENALTY = 1 << 7;
    private static final int LAST_CARE_CONTACT = 1 << 8;
    private static final int LAST_COMPLAINT = 1 << 9;
    private static final int LAST_CALL = 1 << 10;
    private static final int LAST_BILL = 1 << 11;
    private static final int LAST_COMPETITOR_CONTACT = 1 << 12;
    private static final int RECENT_BILLS = 1 << 13;
    private static final int CONTACT_TIMES = 1 << 14;
    private static final int ALERTS_EVALUATED_UNTIL = 1 << 15;
    private static final int EPISODES = 1 << 16;
    private static final int EMITTED = 1 << 17;
    private static final int WAKE_UP_TIME = 1 << 18;
    private static final int RECENT_EVENT_IDS = 1 << 19;
    private static final int PLAN_CHANGES = 1 << 20;
    private static final int ANOMALY_BASELINES = 1 << 21;
    private static final int TREE_SIDES = 1 << 22;

    /** An open episode's flags (format 3; a boolean before). */
    private static final int CONTACT_ALLOWED = 1;

    private static final int HELD_BY_INCIDENT = 1 << 1;

    /** Spare room read fingerprints get, so that new event ids are appended in place. */
    private static final int EVENT_ID_ROOM = 16 * 6;

    private SubscriberStateFormat() {}

    static void write(SubscriberState s, DataOutputView out) throws IOException {
        long base = s.getLastActivityTime();
        ByteBuffer eventIds = s.getRecentEventIds();
        ByteBuffer baselines = s.getAnomalyBaselines();
        ByteBuffer sides = s.getTreeSides();
        int present =
                (s.getLastOutgoingTime() != null ? LAST_OUTGOING : 0)
                        | (s.getStatusTime() != 0 ? STATUS_TIME : 0)
                        | (!s.getServices().isEmpty() ? SERVICES : 0)
                        | (!s.getOpenFaults().isEmpty() ? OPEN_FAULTS : 0)
                        | (!s.getUnpaidBills().isEmpty() ? UNPAID_BILLS : 0)
                        | (!s.getSurveys().isEmpty() ? SURVEYS : 0)
                        | (s.getSatisfactionAnchor() != null ? SATISFACTION_ANCHOR : 0)
                        | (s.getPenalty() != 0 || s.getPenaltyTime() != 0 ? PENALTY : 0)
                        | (s.getLastCareContactTime() != null ? LAST_CARE_CONTACT : 0)
                        | (s.getLastComplaintTime() != null ? LAST_COMPLAINT : 0)
                        | (s.getLastCallTime() != null ? LAST_CALL : 0)
                        | (s.getLastBillTime() != null ? LAST_BILL : 0)
                        | (s.getLastCompetitorContactTime() != null ? LAST_COMPETITOR_CONTACT : 0)
                        | (!s.getRecentBills().isEmpty() ? RECENT_BILLS : 0)
                        | (!s.getContactTimes().isEmpty() ? CONTACT_TIMES : 0)
                        | (s.getAlertsEvaluatedUntil() != 0 ? ALERTS_EVALUATED_UNTIL : 0)
                        | (!s.getEpisodes().isEmpty() ? EPISODES : 0)
                        | (s.getEmitted() != null ? EMITTED : 0)
                        | (s.getWakeUpTime() != 0 ? WAKE_UP_TIME : 0)
                        | (eventIds != null && eventIds.remaining() > 0 ? RECENT_EVENT_IDS : 0)
                        | (!s.getPlanChanges().isEmpty() ? PLAN_CHANGES : 0)
                        | (baselines != null && baselines.remaining() > 0 ? ANOMALY_BASELINES : 0)
                        | (sides != null && sides.remaining() > 0 ? TREE_SIDES : 0);

        Varints.writeSigned(base, out);
        Varints.writeUnsigned(present, out);
        time(s.getFirstEventTime(), base, out);
        Varints.writeSigned(s.getCurrentDay() - Days.epochDay(base), out);
        Varints.writeUnsigned(s.getEventsToday(), out);
        out.writeByte(s.getStatus().ordinal());
        UsageCountersFormat.write(s.getToday(), out);
        UsageCountersFormat.write(s.getMonth1(), out);
        UsageCountersFormat.write(s.getMonth2(), out);
        UsageCountersFormat.write(s.getMonth3(), out);

        if ((present & LAST_OUTGOING) != 0) {
            time(s.getLastOutgoingTime(), base, out);
        }
        if ((present & STATUS_TIME) != 0) {
            time(s.getStatusTime(), base, out);
        }
        if ((present & SERVICES) != 0) {
            Varints.writeUnsigned(s.getServices().size(), out);
            for (ServiceSubscription service : s.getServices()) {
                StringValue.writeString(service.getCode(), out);
                time(service.getSince(), base, out);
                optionalTime(service.getUntil(), base, out);
                Varints.writeSigned(service.getFeeMinor(), out);
            }
        }
        if ((present & OPEN_FAULTS) != 0) {
            Varints.writeUnsigned(s.getOpenFaults().size(), out);
            for (OpenFault fault : s.getOpenFaults()) {
                StringValue.writeString(fault.getId(), out);
                time(fault.getReportedAt(), base, out);
                optionalTime(fault.getCommitTime(), base, out);
            }
        }
        if ((present & UNPAID_BILLS) != 0) {
            Varints.writeUnsigned(s.getUnpaidBills().size(), out);
            for (UnpaidBill bill : s.getUnpaidBills()) {
                StringValue.writeString(bill.getId(), out);
                Varints.writeSigned(bill.getAmountMinor(), out);
                time(bill.getDueTime(), base, out);
            }
        }
        if ((present & SURVEYS) != 0) {
            Varints.writeUnsigned(s.getSurveys().size(), out);
            for (int answer : s.getSurveys()) {
                Varints.writeSigned(answer, out);
            }
        }
        if ((present & SATISFACTION_ANCHOR) != 0) {
            out.writeDouble(s.getSatisfactionAnchor());
        }
        if ((present & PENALTY) != 0) {
            out.writeDouble(s.getPenalty());
            time(s.getPenaltyTime(), base, out);
        }
        if ((present & LAST_CARE_CONTACT) != 0) {
            time(s.getLastCareContactTime(), base, out);
        }
        if ((present & LAST_COMPLAINT) != 0) {
            time(s.getLastComplaintTime(), base, out);
        }
        if ((present & LAST_CALL) != 0) {
            time(s.getLastCallTime(), base, out);
        }
        if ((present & LAST_BILL) != 0) {
            time(s.getLastBillTime(), base, out);
        }
        if ((present & LAST_COMPETITOR_CONTACT) != 0) {
            time(s.getLastCompetitorContactTime(), base, out);
        }
        if ((present & RECENT_BILLS) != 0) {
            Varints.writeUnsigned(s.getRecentBills().size(), out);
            for (long amount : s.getRecentBills()) {
                Varints.writeSigned(amount, out);
            }
        }
        if ((present & CONTACT_TIMES) != 0) {
            Varints.writeUnsigned(s.getContactTimes().size(), out);
            for (long time : s.getContactTimes()) {
                time(time, base, out);
            }
        }
        if ((present & ALERTS_EVALUATED_UNTIL) != 0) {
            time(s.getAlertsEvaluatedUntil(), base, out);
        }
        if ((present & EPISODES) != 0) {
            Varints.writeUnsigned(s.getEpisodes().size(), out);
            for (OpenEpisode episode : s.getEpisodes()) {
                out.writeByte(episode.getType().ordinal());
                time(episode.getStart(), base, out);
                out.writeByte(episode.getSeverity().ordinal());
                String incident = episode.getIncidentId();
                out.writeByte(
                        (episode.getContactAllowed() ? CONTACT_ALLOWED : 0)
                                | (incident != null ? HELD_BY_INCIDENT : 0));
                if (incident != null) {
                    StringValue.writeString(incident, out);
                }
            }
        }
        if ((present & EMITTED) != 0) {
            EmittedScore emitted = s.getEmitted();
            out.writeDouble(emitted.getChurnProbability());
            out.writeDouble(emitted.getSatisfaction());
            out.writeByte(emitted.getLifecycleStage().ordinal());
            out.writeByte(emitted.getValueTier().ordinal());
        }
        if ((present & WAKE_UP_TIME) != 0) {
            time(s.getWakeUpTime(), base, out);
        }
        if ((present & RECENT_EVENT_IDS) != 0) {
            bytes(eventIds, out);
        }
        if ((present & PLAN_CHANGES) != 0) {
            Varints.writeUnsigned(s.getPlanChanges().size(), out);
            for (PlanChange change : s.getPlanChanges()) {
                time(change.getTime(), base, out);
                out.writeBoolean(change.getDowngrade());
                optionalAmount(change.getFeeBeforeMinor(), out);
                optionalAmount(change.getFeeAfterMinor(), out);
            }
        }
        if ((present & ANOMALY_BASELINES) != 0) {
            bytes(baselines, out);
        }
        if ((present & TREE_SIDES) != 0) {
            bytes(sides, out);
        }
    }

    private static void bytes(ByteBuffer value, DataOutputView out) throws IOException {
        Varints.writeUnsigned(value.remaining(), out);
        if (value.hasArray()) {
            out.write(value.array(), value.arrayOffset() + value.position(), value.remaining());
        } else {
            byte[] bytes = new byte[value.remaining()];
            value.duplicate().get(bytes);
            out.write(bytes);
        }
    }

    static SubscriberState read(DataInputView in, int format) throws IOException {
        SubscriberState s = new SubscriberState();
        long base = Varints.readSigned(in);
        long present = Varints.readUnsigned(in);
        s.setLastActivityTime(base);
        s.setFirstEventTime(time(base, in));
        s.setCurrentDay((int) (Days.epochDay(base) + Varints.readSigned(in)));
        s.setEventsToday(Varints.readCount(in));
        s.setStatus(STATUSES[in.readUnsignedByte()]);
        s.setToday(UsageCountersFormat.read(in, format));
        s.setMonth1(UsageCountersFormat.read(in, format));
        s.setMonth2(UsageCountersFormat.read(in, format));
        s.setMonth3(UsageCountersFormat.read(in, format));

        s.setLastOutgoingTime((present & LAST_OUTGOING) != 0 ? time(base, in) : null);
        s.setStatusTime((present & STATUS_TIME) != 0 ? time(base, in) : 0L);
        List<ServiceSubscription> services = new ArrayList<>();
        if ((present & SERVICES) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                String code = StringValue.readString(in);
                long since = time(base, in);
                Long until = optionalTime(base, in);
                long fee = format >= 2 ? Varints.readSigned(in) : 0L;
                services.add(new ServiceSubscription(code, since, until, fee));
            }
        }
        s.setServices(services);
        List<OpenFault> faults = new ArrayList<>();
        if ((present & OPEN_FAULTS) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                faults.add(
                        new OpenFault(
                                StringValue.readString(in),
                                time(base, in),
                                optionalTime(base, in)));
            }
        }
        s.setOpenFaults(faults);
        List<UnpaidBill> bills = new ArrayList<>();
        if ((present & UNPAID_BILLS) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                bills.add(
                        new UnpaidBill(
                                StringValue.readString(in),
                                Varints.readSigned(in),
                                time(base, in)));
            }
        }
        s.setUnpaidBills(bills);
        List<Integer> surveys = new ArrayList<>();
        if ((present & SURVEYS) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                surveys.add((int) Varints.readSigned(in));
            }
        }
        s.setSurveys(surveys);
        s.setSatisfactionAnchor((present & SATISFACTION_ANCHOR) != 0 ? in.readDouble() : null);
        if ((present & PENALTY) != 0) {
            s.setPenalty(in.readDouble());
            s.setPenaltyTime(time(base, in));
        } else {
            s.setPenalty(0.0);
            s.setPenaltyTime(0L);
        }
        s.setLastCareContactTime((present & LAST_CARE_CONTACT) != 0 ? time(base, in) : null);
        s.setLastComplaintTime((present & LAST_COMPLAINT) != 0 ? time(base, in) : null);
        s.setLastCallTime((present & LAST_CALL) != 0 ? time(base, in) : null);
        s.setLastBillTime((present & LAST_BILL) != 0 ? time(base, in) : null);
        s.setLastCompetitorContactTime(
                (present & LAST_COMPETITOR_CONTACT) != 0 ? time(base, in) : null);
        List<Long> recentBills = new ArrayList<>();
        if ((present & RECENT_BILLS) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                recentBills.add(Varints.readSigned(in));
            }
        }
        s.setRecentBills(recentBills);
        List<Long> contacts = new ArrayList<>();
        if ((present & CONTACT_TIMES) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                contacts.add(time(base, in));
            }
        }
        s.setContactTimes(contacts);
        s.setAlertsEvaluatedUntil((present & ALERTS_EVALUATED_UNTIL) != 0 ? time(base, in) : 0L);
        List<OpenEpisode> episodes = new ArrayList<>();
        if ((present & EPISODES) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                AlertType type = ALERT_TYPES[in.readUnsignedByte()];
                long start = time(base, in);
                Severity severity = SEVERITIES[in.readUnsignedByte()];
                if (format < 3) {
                    episodes.add(new OpenEpisode(type, start, severity, in.readBoolean(), null));
                    continue;
                }
                int flags = in.readUnsignedByte();
                String incident =
                        (flags & HELD_BY_INCIDENT) != 0 ? StringValue.readString(in) : null;
                episodes.add(
                        new OpenEpisode(
                                type, start, severity, (flags & CONTACT_ALLOWED) != 0, incident));
            }
        }
        s.setEpisodes(episodes);
        if ((present & EMITTED) != 0) {
            double churn = in.readDouble();
            double satisfaction = in.readDouble();
            s.setEmitted(
                    new EmittedScore(
                            churn,
                            satisfaction,
                            STAGES[in.readUnsignedByte()],
                            TIERS[in.readUnsignedByte()]));
        }
        s.setWakeUpTime((present & WAKE_UP_TIME) != 0 ? time(base, in) : 0L);
        ByteBuffer eventIds;
        if ((present & RECENT_EVENT_IDS) != 0) {
            int length = Varints.readCount(in);
            eventIds = ByteBuffer.allocate(length + EVENT_ID_ROOM);
            in.readFully(eventIds.array(), 0, length);
            eventIds.limit(length);
        } else {
            eventIds = ByteBuffer.allocate(EVENT_ID_ROOM).limit(0);
        }
        s.setRecentEventIds(eventIds);
        List<PlanChange> planChanges = new ArrayList<>();
        if ((present & PLAN_CHANGES) != 0) {
            for (int i = Varints.readCount(in); i > 0; i--) {
                long time = time(base, in);
                boolean downgrade = in.readBoolean();
                Long before = optionalAmount(in);
                planChanges.add(new PlanChange(time, downgrade, before, optionalAmount(in)));
            }
        }
        s.setPlanChanges(planChanges);
        s.setAnomalyBaselines(bytes((present & ANOMALY_BASELINES) != 0, in));
        s.setTreeSides(bytes((present & TREE_SIDES) != 0, in));
        return s;
    }

    /** Bytes written by {@link #bytes(ByteBuffer, DataOutputView)}, or none if not present. */
    private static ByteBuffer bytes(boolean present, DataInputView in) throws IOException {
        if (!present) {
            return ByteBuffer.allocate(0);
        }
        byte[] bytes = new byte[Varints.readCount(in)];
        in.readFully(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static void time(long time, long base, DataOutputView out) throws IOException {
        Varints.writeSigned(time - base, out);
    }

    private static long time(long base, DataInputView in) throws IOException {
        return base + Varints.readSigned(in);
    }

    private static void optionalTime(Long time, long base, DataOutputView out) throws IOException {
        out.writeBoolean(time != null);
        if (time != null) {
            time(time, base, out);
        }
    }

    private static Long optionalTime(long base, DataInputView in) throws IOException {
        return in.readBoolean() ? time(base, in) : null;
    }

    private static void optionalAmount(Long amount, DataOutputView out) throws IOException {
        out.writeBoolean(amount != null);
        if (amount != null) {
            Varints.writeSigned(amount, out);
        }
    }

    private static Long optionalAmount(DataInputView in) throws IOException {
        return in.readBoolean() ? Varints.readSigned(in) : null;
    }
}
