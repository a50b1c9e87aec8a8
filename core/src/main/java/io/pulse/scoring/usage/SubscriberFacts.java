package io.pulse.scoring.usage;

import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.config.ScoringConfig.StateLimits;
import io.pulse.state.OpenFault;
import io.pulse.state.PlanChange;
import io.pulse.state.ServiceSubscription;
import io.pulse.state.SubscriberState;
import io.pulse.state.UnpaidBill;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the facts of docs/specification.md, section 3 that are not daily usage: last activity,
 * status, value-added services, open faults and unpaid bills. Every list is capped so state stays
 * bounded whatever the input; the oldest entry gives way.
 */
public final class SubscriberFacts {
    /** Bills kept to judge the next one against: the reference month and the usual bill. */
    static final int RECENT_BILLS = 3;

    private final StateLimits limits;

    public SubscriberFacts(StateLimits limits) {
        this.limits = limits;
    }

    /**
     * Outgoing calls and messages and data sessions: what the subscriber does, not what reaches
     * them.
     */
    public static boolean isOutgoingActivity(SubscriberEvent event) {
        EventType type = event.getType();
        if (type == EventType.VOICE_CALL || type == EventType.SMS) {
            return event.getDirection() == Direction.OUTGOING;
        }
        return type == EventType.DATA_SESSION;
    }

    /** Plan changes kept: those of the retention window, at most this many. */
    static final int PLAN_CHANGES = 4;

    /**
     * Applies an event's facts; {@code profile} (null: none yet) gives the plan fee a first plan
     * change is judged from.
     */
    public void apply(SubscriberState state, SubscriberEvent event, SubscriberProfile profile) {
        long time = event.getEventTime();
        state.setFirstEventTime(Math.min(state.getFirstEventTime(), time));
        state.setLastActivityTime(Math.max(state.getLastActivityTime(), time));
        if (isOutgoingActivity(event)
                && (state.getLastOutgoingTime() == null || time > state.getLastOutgoingTime())) {
            state.setLastOutgoingTime(time);
        }
        switch (event.getType()) {
            case STATUS_CHANGE:
                if (time >= state.getStatusTime()) {
                    state.setStatus(event.getStatus());
                    state.setStatusTime(time);
                }
                break;
            case SERVICE_CHANGE:
                changeService(state, event);
                break;
            case PLAN_CHANGE:
                changePlan(state, event, profile);
                break;
            case FAULT_REPORT:
                List<OpenFault> faults = new ArrayList<>(state.getOpenFaults());
                faults.add(new OpenFault(event.getEventId(), time, event.getCommitTime()));
                state.setOpenFaults(capped(faults, limits.maxOpenFaults()));
                break;
            case FAULT_CLEARED:
                state.setOpenFaults(
                        without(
                                state.getOpenFaults(),
                                f -> f.getId().equals(event.getReferenceId())));
                break;
            case BILL:
                state.setLastBillTime(latest(state.getLastBillTime(), time));
                List<Long> amounts = new ArrayList<>(state.getRecentBills());
                amounts.add(event.getAmountMinor());
                state.setRecentBills(capped(amounts, RECENT_BILLS));
                List<UnpaidBill> bills = new ArrayList<>(state.getUnpaidBills());
                bills.add(
                        new UnpaidBill(
                                event.getEventId(), event.getAmountMinor(), event.getDueTime()));
                state.setUnpaidBills(capped(bills, limits.maxUnpaidBills()));
                break;
            case PAYMENT:
                settle(state, event);
                break;
            case CARE_CONTACT:
                state.setLastCareContactTime(latest(state.getLastCareContactTime(), time));
                break;
            case VOICE_CALL:
                state.setLastCallTime(latest(state.getLastCallTime(), time));
                break;
            case COMPETITOR_CONTACT:
                state.setLastCompetitorContactTime(
                        latest(state.getLastCompetitorContactTime(), time));
                break;
            case COMPLAINT:
                state.setLastComplaintTime(latest(state.getLastComplaintTime(), time));
                break;
            default:
                // usage and experience are kept elsewhere
        }
    }

    /** Open faults whose committed repair time has passed. */
    public static int overdueRepairs(SubscriberState state, long now) {
        int overdue = 0;
        for (OpenFault fault : state.getOpenFaults()) {
            if (fault.getCommitTime() != null && fault.getCommitTime() < now) {
                overdue++;
            }
        }
        return overdue;
    }

    private static long latest(Long previous, long time) {
        return previous == null ? time : Math.max(previous, time);
    }

    private void changeService(SubscriberState state, SubscriberEvent event) {
        List<ServiceSubscription> services = new ArrayList<>(state.getServices());
        String code = event.getServiceCode();
        ServiceSubscription open = null;
        for (ServiceSubscription s : services) {
            if (s.getCode().equals(code) && s.getUntil() == null) {
                open = s;
            }
        }
        if (event.getAction() == ServiceAction.SUBSCRIBE && open == null) {
            long fee = event.getAmountMinor() == null ? 0L : event.getAmountMinor();
            services.add(new ServiceSubscription(code, event.getEventTime(), null, fee));
        } else if (event.getAction() == ServiceAction.CANCEL && open != null) {
            open.setUntil(event.getEventTime());
        }
        // Periods that ended before the three-month window no longer matter.
        long windowStart = event.getEventTime() - Days.days(RollingUsage.WINDOW_DAYS);
        services.removeIf(s -> s.getUntil() != null && s.getUntil() < windowStart);
        state.setServices(capped(services, limits.maxServices()));
    }

    /**
     * A plan change, with the fee before it (the previous change's new fee, else the profile's plan
     * fee) and after it (the record's amount, when it carries one). Changes older than the window
     * are forgotten.
     */
    private static void changePlan(
            SubscriberState state, SubscriberEvent event, SubscriberProfile profile) {
        List<PlanChange> changes = new ArrayList<>(state.getPlanChanges());
        Long before = null;
        for (PlanChange c : changes) {
            if (c.getTime() <= event.getEventTime() && c.getFeeAfterMinor() != null) {
                before = c.getFeeAfterMinor();
            }
        }
        if (before == null && profile != null) {
            before = profile.getPlanMonthlyFeeMinor();
        }
        changes.add(
                new PlanChange(
                        event.getEventTime(),
                        event.getAction() == ServiceAction.DOWNGRADE,
                        before,
                        event.getAmountMinor()));
        changes.sort(Comparator.comparingLong(PlanChange::getTime));
        long windowStart = state.getLastActivityTime() - Days.days(RollingUsage.WINDOW_DAYS);
        changes.removeIf(c -> c.getTime() < windowStart);
        state.setPlanChanges(capped(changes, PLAN_CHANGES));
    }

    /** Plan downgrades at or after {@code since}. */
    public static int downgradesSince(SubscriberState state, long since) {
        int downgrades = 0;
        for (PlanChange change : state.getPlanChanges()) {
            if (change.getDowngrade() && change.getTime() >= since) {
                downgrades++;
            }
        }
        return downgrades;
    }

    /** A payment settles the bill it names, or the oldest unpaid bill. */
    private static void settle(SubscriberState state, SubscriberEvent event) {
        List<UnpaidBill> bills = state.getUnpaidBills();
        if (bills.isEmpty()) {
            return;
        }
        String reference = event.getReferenceId();
        UnpaidBill settled = bills.get(0);
        if (reference != null) {
            settled =
                    bills.stream()
                            .filter(b -> b.getId().equals(reference))
                            .findFirst()
                            .orElse(null);
        }
        if (settled != null) {
            UnpaidBill paid = settled;
            state.setUnpaidBills(without(bills, b -> b == paid));
        }
    }

    private static <T> List<T> capped(List<T> list, int max) {
        return list.size() <= max
                ? list
                : new ArrayList<>(list.subList(list.size() - max, list.size()));
    }

    private static <T> List<T> without(List<T> list, java.util.function.Predicate<T> drop) {
        List<T> kept = new ArrayList<>(list);
        kept.removeIf(drop);
        return kept;
    }

    /**
     * Since when a subscriber has been silent, given the time of its latest activity of the kind
     * (null: none yet): that activity, else its first event, and never before a reactivation. A
     * silence that began before a suspension ended with it; the one after counts from the moment
     * service came back, so it is a new episode.
     */
    public static long silentSince(SubscriberState state, Long latestActivity) {
        long since = latestActivity != null ? latestActivity : state.getFirstEventTime();
        return state.getStatus() == SubscriberStatus.ACTIVE
                ? Math.max(since, state.getStatusTime())
                : since;
    }

    /** Profiles may arrive after the first events: until then the subscriber is scored as MASS. */
    public static Segment segment(SubscriberProfile profile) {
        return profile == null ? Segment.MASS : profile.getSegment();
    }
}
