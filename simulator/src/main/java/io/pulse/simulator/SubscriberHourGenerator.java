package io.pulse.simulator;

import io.pulse.schema.EventType;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.SubscriberEvent;

import java.util.List;
import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * Decides what one subscriber does in one hour. Each (subscriber, hour) has its own random stream
 * derived from the seed, so an hour's traffic does not depend on what was generated before it. The
 * expected count of each activity is its daily rate, times the share of the day's rhythm that falls
 * into the hour, times weekday factors and the {@link HourEffects} of what is going on for the
 * subscriber; the number of events is drawn once from a Poisson distribution of the total and each
 * event's activity in proportion to its rate. Bills come on the subscriber's bill day, planned
 * events (status changes, a downgrade, the termination) at their time, and one-off planted events
 * (a faulty line's first fault, a courted key account's first approach) at the behaviour's start.
 * Nothing comes after a subscriber has left. A network outage of the subscriber's region ({@link
 * NetworkOutages}) takes away what the hour would have brought while it cuts the subscriber off,
 * and may add a fault report, drawn from the hour's stream after the hour's own events: an hour it
 * does not cut into stays what it would have been.
 */
final class SubscriberHourGenerator {

    private static final double WEEKEND_BUSINESS_TRAFFIC = 0.5;
    private static final double WEEKEND_OFFICE_CONTACTS = 0.5;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long seed;
    private final FollowUpQueue followUps;
    private final TruthLog truth;
    private final NetworkOutages outages;
    private final double[] rates = new double[Activity.ALL.length];
    private final HourEffects effects;

    SubscriberHourGenerator(
            long seed, FollowUpQueue followUps, TruthLog truth, NetworkOutages outages) {
        this.seed = seed;
        this.followUps = followUps;
        this.truth = truth;
        this.outages = outages;
        this.effects = new HourEffects(outages);
    }

    /** Adds the subscriber's events of the hour to {@code out}, in no particular order. */
    void generate(SimulatedSubscriber subscriber, CalendarHour hour, List<SubscriberEvent> out) {
        if (subscriber.terminatedAt(hour.start())) {
            return;
        }
        SplittableRandom random =
                new SplittableRandom(streamSeed(subscriber.index(), hour.epochHour()));
        boolean billHour =
                hour.hourOfDay() == BillCalendar.BILL_HOUR_OF_DAY
                        && hour.dayOfMonth() == subscriber.billDayOfMonth();
        boolean plantedHour = subscriber.plantedEventIn(hour.start(), hour.end());
        boolean plannedHour = plannedIn(subscriber, hour);
        double total = fillRates(subscriber, hour);
        int count = Draw.poisson(random, total);
        List<NetworkOutages.Report> outageFaults =
                effects.outageHour()
                        ? outages.reports(subscriber.index(), hour.start(), hour.end())
                        : List.of();
        if (count == 0 && !billHour && !plantedHour && !plannedHour && outageFaults.isEmpty()) {
            return;
        }
        EventFactory events =
                new EventFactory(subscriber, random, hour.epochHour(), followUps, effects, truth);
        if (billHour) {
            long time = hour.start() + random.nextLong(HOUR_MILLIS);
            if (!subscriber.terminatedAt(time)) {
                out.add(events.bill(time, subscriber.shockBillIn(hour.start())));
            }
        }
        if (plantedHour) {
            out.add(events.planted(subscriber.behaviourStart()));
        }
        if (plannedHour) {
            for (PlannedEvent planned : subscriber.plannedEvents()) {
                if (planned.time() >= hour.start() && planned.time() < hour.end()) {
                    out.add(
                            planned.type() == EventType.STATUS_CHANGE
                                    ? events.statusChange(planned.time(), planned.status())
                                    : events.planChange(planned.time(), ServiceAction.DOWNGRADE));
                }
            }
        }
        for (int i = 0; i < count; i++) {
            Activity activity = Activity.ALL[Draw.pick(random, rates, total)];
            long time = hour.start() + random.nextLong(HOUR_MILLIS);
            if (subscriber.rulesOut(activity, time) || effects.cutOffAt(time)) {
                continue;
            }
            out.add(events.create(activity, time));
        }
        for (NetworkOutages.Report fault : outageFaults) {
            if (!subscriber.rulesOut(Activity.FAULT_REPORT, fault.time())) {
                out.add(events.outageFault(fault.time(), fault.restoredAt()));
            }
        }
    }

    private static boolean plannedIn(SimulatedSubscriber subscriber, CalendarHour hour) {
        for (PlannedEvent planned : subscriber.plannedEvents()) {
            if (planned.time() >= hour.start() && planned.time() < hour.end()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills {@link #rates} with the expected count of each activity in the hour; returns their sum.
     */
    private double fillRates(SimulatedSubscriber subscriber, CalendarHour hour) {
        effects.moveTo(subscriber, hour);
        boolean businessLike = subscriber.segment() != Segment.MASS;
        Rhythm personal = subscriber.persona().rhythm;
        double total = 0;
        for (Activity activity : Activity.ALL) {
            Rhythm rhythm = activity.rhythm == Rhythm.PERSONAL ? personal : activity.rhythm;
            double rate =
                    effects.dailyRate(activity, subscriber.dailyRate(activity))
                            * rhythm.shareOf(hour.hourOfDay());
            if (hour.weekend()) {
                if (activity.rhythm == Rhythm.OFFICE) {
                    rate *= WEEKEND_OFFICE_CONTACTS;
                } else if (businessLike && activity != Activity.DATA_SESSION) {
                    rate *= WEEKEND_BUSINESS_TRAFFIC;
                }
            }
            rates[activity.ordinal()] = rate;
            total += rate;
        }
        return total;
    }

    private long streamSeed(int subscriberIndex, long epochHour) {
        return Mix.mix(
                Mix.mix(Mix.mix(seed) + subscriberIndex * GOLDEN_GAMMA) + epochHour * GOLDEN_GAMMA);
    }
}
