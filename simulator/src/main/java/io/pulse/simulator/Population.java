package io.pulse.simulator;

import io.pulse.schema.ChurnCause;
import io.pulse.schema.CustomerType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * Builds the simulated population: segments and behaviours in exact shares, then each subscriber's
 * profile, persona, habits and way out from their own random stream.
 */
final class Population {

    static final double BUSINESS_SHARE = 0.12;

    /** Subscribers activated this recently are new: they leave more often. */
    private static final int NEW_SUBSCRIBER_DAYS = 180;

    /** Some mediation feeds carry no rated charge on call records. */
    private static final double RATED_CALLS_SHARE = 0.65;

    /** Ways out later than this after the start are not planned. */
    private static final long PLANNING_HORIZON = 3650 * DAY_MILLIS;

    private static final String[] REGIONS = {
        "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Chengdu", "Wuhan", "Hangzhou", "Xian"
    };
    // Daily rates of a MASS subscriber at activity level 1: about 29 events a day.
    private static final double OUTGOING_CALLS_PER_DAY = 6;
    private static final double INCOMING_CALLS_PER_DAY = 6;
    private static final double OUTGOING_SMS_PER_DAY = 3;
    private static final double INCOMING_SMS_PER_DAY = 5;
    private static final double DATA_SESSIONS_PER_DAY = 9;

    private Population() {}

    /**
     * The population: segments and behaviours in exact shares, each subscriber's profile, persona
     * and habits from their own random stream, who leaves when and why from a churn hazard that
     * loses about the world's monthly churn, and the key-account lines grouped into accounts, some
     * of which move part of their lines away ({@link KeyAccounts}).
     */
    static List<SimulatedSubscriber> generate(int size, long seed, long start, World world) {
        SplittableRandom random = new SplittableRandom(seed);
        Segment[] segments = segmentsOf(size, world.keyAccountShare());
        shuffle(segments, random);
        Behaviour[] behaviours = behavioursOf(segments, random);
        LocalDate startDate = LocalDate.ofEpochDay(Math.floorDiv(start, DAY_MILLIS));

        Draft[] drafts = new Draft[size];
        List<Integer> keyAccountLines = new ArrayList<>();
        double hazardNow = 0;
        for (int index = 0; index < size; index++) {
            SplittableRandom own = random.split();
            Segment segment = segments[index];
            if (segment == Segment.KEY_ACCOUNT) {
                keyAccountLines.add(index);
            }
            Plan plan = Plan.choose(segment, own);
            SubscriberProfile profile =
                    profile(
                            String.format("sub-%06d", index + 1),
                            segment,
                            plan,
                            startDate,
                            start,
                            own);
            Persona persona = persona(segment, own);
            boolean newSubscriber =
                    profile.getActivationDate().isAfter(startDate.minusDays(NEW_SUBSCRIBER_DAYS));
            long contractEnd =
                    profile.getContractEndDate() == null
                            ? start
                            : profile.getContractEndDate().toEpochDay() * DAY_MILLIS;
            double before =
                    ChurnPlanner.hazard(
                            segment, persona, newSubscriber, profile.getContractEndDate() != null);
            double after = ChurnPlanner.hazard(segment, persona, newSubscriber, false);
            drafts[index] = new Draft(own, profile, plan, persona, contractEnd, before, after);
            hazardNow += contractEnd > start ? before : after;
        }
        double rate = ChurnPlanner.ratePerMilli(world.monthlyChurn()) / (hazardNow / size);
        KeyAccounts accounts =
                KeyAccounts.draw(seed, start, world.accountMovesPerMonth(), keyAccountLines);

        List<SimulatedSubscriber> subscribers = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            Draft d = drafts[index];
            SplittableRandom own = d.random();
            Segment segment = segments[index];
            Behaviour behaviour = behaviours[index];
            boolean ratedCalls = Draw.chance(own, RATED_CALLS_SHARE);
            int billDay = 1 + own.nextInt(28);
            long behaviourStart = behaviourStart(behaviour, start, billDay, own);
            long behaviourEnd = behaviourEnd(behaviour, behaviourStart, own);
            long declineMillis =
                    behaviour == Behaviour.SPEND_DECLINER
                            ? SimulatedSubscriber.SPEND_DECLINE_MILLIS
                            : Draw.between(own, 14, 43) * DAY_MILLIS;
            double level = behaviourLevel(behaviour, own);

            long churnTime =
                    ChurnPlanner.churnTime(
                            own, rate, d.hazardBefore(), d.hazardAfter(), start, d.contractEnd());
            ChurnCause cause = ChurnPlanner.cause(segment, own);
            ChurnPlan churn =
                    churnTime - start < PLANNING_HORIZON
                            ? ChurnPlanner.leaving(cause, churnTime, billDay, own)
                            : null;
            SubscriberProfile profile = d.profile();
            ConditionWindow accountMove = null;
            KeyAccounts.Account account = accounts.accountOf(index);
            if (account != null) {
                profile = ofAccount(profile, account, drafts[account.lines().get(0)].profile());
                KeyAccounts.MovingLine moving =
                        accounts.moving(
                                index,
                                profile.getSubscriberId(),
                                churn == null ? Long.MAX_VALUE : churn.until(),
                                billDay);
                if (moving != null) {
                    churn = moving.plan();
                    accountMove = moving.truth();
                }
            }
            long waverStart = ChurnPlanner.waverStart(own, rate, start);
            ChurnPlan waver =
                    waverStart - start < PLANNING_HORIZON
                            ? ChurnPlanner.staying(ChurnPlanner.waverCause(own), waverStart, own)
                            : null;
            subscribers.add(
                    new SimulatedSubscriber(
                            index,
                            profile,
                            d.persona(),
                            ratedCalls,
                            behaviour,
                            behaviourStart,
                            behaviourEnd,
                            declineMillis,
                            level,
                            billDay,
                            dailyRates(segment, d.persona(), d.plan(), own),
                            churn,
                            waver,
                            accountMove,
                            own.nextLong()));
        }
        return subscribers;
    }

    /**
     * What the first pass over the population decides of a subscriber: enough to scale the churn
     * hazard.
     */
    private record Draft(
            SplittableRandom random,
            SubscriberProfile profile,
            Plan plan,
            Persona persona,
            long contractEnd,
            double hazardBefore,
            double hazardAfter) {}

    static double[] segmentShares(double keyAccountShare) {
        double[] shares = new double[Segment.values().length];
        shares[Segment.KEY_ACCOUNT.ordinal()] = keyAccountShare;
        shares[Segment.BUSINESS.ordinal()] = BUSINESS_SHARE;
        shares[Segment.MASS.ordinal()] = 1.0 - keyAccountShare - BUSINESS_SHARE;
        return shares;
    }

    /**
     * A line's profile as a line of its account: the account's id, manager and class (that of its
     * first line).
     */
    private static SubscriberProfile ofAccount(
            SubscriberProfile line, KeyAccounts.Account account, SubscriberProfile first) {
        return SubscriberProfile.newBuilder(line)
                .setAccountId(account.id())
                .setAccountManagerId(account.managerId())
                .setKeyAccountClass(first.getKeyAccountClass())
                .build();
    }

    static BehaviourMix mixOf(Segment segment) {
        return segment == Segment.KEY_ACCOUNT
                ? BehaviourMix.KEY_ACCOUNTS
                : BehaviourMix.MASS_AND_BUSINESS;
    }

    private static Segment[] segmentsOf(int size, double keyAccountShare) {
        int[] counts = Apportionment.apportion(size, segmentShares(keyAccountShare));
        Segment[] segments = new Segment[size];
        int next = 0;
        for (Segment segment : Segment.values()) {
            for (int i = 0; i < counts[segment.ordinal()]; i++) {
                segments[next++] = segment;
            }
        }
        return segments;
    }

    /** Behaviours in the exact shares of each segment's mix, spread at random over its members. */
    private static Behaviour[] behavioursOf(Segment[] segments, SplittableRandom random) {
        Behaviour[] behaviours = new Behaviour[segments.length];
        for (Segment segment : Segment.values()) {
            List<Integer> members = new ArrayList<>();
            for (int index = 0; index < segments.length; index++) {
                if (segments[index] == segment) {
                    members.add(index);
                }
            }
            int[] counts = mixOf(segment).counts(members.size());
            Behaviour[] planted = new Behaviour[members.size()];
            int next = 0;
            for (Behaviour behaviour : Behaviour.values()) {
                for (int i = 0; i < counts[behaviour.ordinal()]; i++) {
                    planted[next++] = behaviour;
                }
            }
            shuffle(planted, random);
            for (int i = 0; i < planted.length; i++) {
                behaviours[members.get(i)] = planted[i];
            }
        }
        return behaviours;
    }

    static <T> void shuffle(T[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = values[i];
            values[i] = values[j];
            values[j] = swapped;
        }
    }

    private static SubscriberProfile profile(
            String id,
            Segment segment,
            Plan plan,
            LocalDate startDate,
            long start,
            SplittableRandom random) {
        boolean individual = segment == Segment.MASS;
        return SubscriberProfile.newBuilder()
                .setSubscriberId(id)
                .setCustomerType(customerType(segment, random))
                .setSegment(segment)
                .setKeyAccountClass(segment == Segment.KEY_ACCOUNT ? keyAccountClass(random) : null)
                .setActivationDate(activationDate(segment, startDate, random))
                .setContractEndDate(contractEndDate(segment, startDate, random))
                .setPlanCode(plan.code())
                .setPlanMonthlyFeeMinor(plan.monthlyFeeMinor())
                .setRegion(
                        individual && Draw.chance(random, 0.02)
                                ? null
                                : REGIONS[random.nextInt(REGIONS.length)])
                .setBirthYear(individual ? Integer.valueOf(1950 + random.nextInt(58)) : null)
                .setUpdatedAt(start)
                .build();
    }

    private static CustomerType customerType(Segment segment, SplittableRandom random) {
        switch (segment) {
            case KEY_ACCOUNT:
                return Draw.chance(random, 0.7) ? CustomerType.GROUP : CustomerType.BUSINESS;
            case BUSINESS:
                return CustomerType.BUSINESS;
            default:
                return CustomerType.INDIVIDUAL;
        }
    }

    /** Government, public security, Fortune-500 and education accounts are IMPORTANT. */
    private static KeyAccountClass keyAccountClass(SplittableRandom random) {
        return Draw.chance(random, 0.35) ? KeyAccountClass.IMPORTANT : KeyAccountClass.STANDARD;
    }

    /** Spread over ten years, with some new subscribers still in their first three months. */
    private static LocalDate activationDate(
            Segment segment, LocalDate startDate, SplittableRandom random) {
        double draw = random.nextDouble();
        long daysBefore;
        if (segment == Segment.MASS && draw < 0.10) {
            daysBefore = Draw.between(random, 7, 90);
        } else if (draw < 0.30) {
            daysBefore = Draw.between(random, 90, 365);
        } else {
            daysBefore = Draw.between(random, 365, 3650);
        }
        return startDate.minusDays(daysBefore);
    }

    /** Some contracts end within three months of the start, so renewal alerts appear. */
    private static LocalDate contractEndDate(
            Segment segment, LocalDate startDate, SplittableRandom random) {
        double withContract =
                segment == Segment.KEY_ACCOUNT ? 1.0 : segment == Segment.BUSINESS ? 0.8 : 0.5;
        if (!Draw.chance(random, withContract)) {
            return null;
        }
        long daysAfter =
                Draw.chance(random, 0.15)
                        ? Draw.between(random, 10, 91)
                        : Draw.between(random, 91, 731);
        return startDate.plusDays(daysAfter);
    }

    /**
     * When the planted behaviour begins: some time in the first weeks, each over its own window.
     */
    private static long behaviourStart(
            Behaviour behaviour, long start, int billDay, SplittableRandom random) {
        long firstMidnight = Math.floorDiv(start + DAY_MILLIS - 1, DAY_MILLIS) * DAY_MILLIS;
        switch (behaviour) {
            case DECLINER:
                return start + Draw.between(random, 7 * DAY_MILLIS, 60 * DAY_MILLIS);
            case SILENT:
                return start + Draw.between(random, DAY_MILLIS, 40 * DAY_MILLIS);
            case DORMANT:
                return start + Draw.between(random, DAY_MILLIS, 30 * DAY_MILLIS);
            case COMPLAINER:
                return start + Draw.between(random, 0, 60 * DAY_MILLIS);
            case NON_PAYER:
                return start + Draw.between(random, 0, 40 * DAY_MILLIS);
            case BILL_SHOCKED:
                return BillCalendar.billTimeFrom(
                        start + Draw.between(random, 20, 80) * DAY_MILLIS, billDay);
            case SPIKER:
                return firstMidnight + Draw.between(random, 14, 70) * DAY_MILLIS;
            case FAULTY:
                return officeHourOf(
                        firstMidnight + Draw.between(random, 1, 50) * DAY_MILLIS, random);
            case COURTED:
                return officeHourOf(
                        firstMidnight + Draw.between(random, 1, 30) * DAY_MILLIS, random);
            case SPEND_DECLINER:
                return start + Draw.between(random, 20 * DAY_MILLIS, 60 * DAY_MILLIS);
            default:
                return start;
        }
    }

    /** When the planted behaviour ends; {@link SimulatedSubscriber#FOREVER} for those that last. */
    private static long behaviourEnd(Behaviour behaviour, long from, SplittableRandom random) {
        switch (behaviour) {
            case COMPLAINER:
                return from + Draw.between(random, 30, 91) * DAY_MILLIS;
            case NON_PAYER:
                return from + Draw.between(random, 25, 96) * DAY_MILLIS;
            case BILL_SHOCKED:
                return from + CalendarHour.HOUR_MILLIS;
            case SPIKER:
                return from + DAY_MILLIS;
            case FAULTY:
                return from + Draw.between(random, 20, 61) * DAY_MILLIS;
            case COURTED:
                return from + Draw.between(random, 30, 91) * DAY_MILLIS;
            case STEADY:
                return from;
            default:
                return SimulatedSubscriber.FOREVER;
        }
    }

    /**
     * How strong the behaviour is: where a decline ends (share of the usual), how many times the
     * usual bill a shock is, how many calls a day a cloned SIM makes.
     */
    private static double behaviourLevel(Behaviour behaviour, SplittableRandom random) {
        switch (behaviour) {
            case DECLINER:
                return 0.1 + 0.5 * random.nextDouble();
            case SPEND_DECLINER:
                return 0.4 + 0.5 * random.nextDouble();
            case BILL_SHOCKED:
                return 2 + 4 * random.nextDouble();
            case SPIKER:
                return 15 + 35 * random.nextDouble();
            default:
                return 1.0;
        }
    }

    /**
     * Most subscribers use the line the ordinary way; some lightly, heavily, at night or for data
     * only.
     */
    private static Persona persona(Segment segment, SplittableRandom random) {
        double draw = random.nextDouble();
        if (segment != Segment.MASS) {
            return draw < 0.7 ? Persona.ORDINARY : draw < 0.9 ? Persona.HEAVY : Persona.LIGHT;
        }
        return draw < 0.65
                ? Persona.ORDINARY
                : draw < 0.80
                        ? Persona.LIGHT
                        : draw < 0.90
                                ? Persona.HEAVY
                                : draw < 0.95 ? Persona.NIGHT_OWL : Persona.DATA_ONLY;
    }

    /** A moment between 09:00 and 18:00 of the day starting at {@code midnight}. */
    private static long officeHourOf(long midnight, SplittableRandom random) {
        return midnight + Draw.between(random, 9 * HOUR_MILLIS, 18 * HOUR_MILLIS);
    }

    private static double[] dailyRates(
            Segment segment, Persona persona, Plan plan, SplittableRandom random) {
        double level = 0.65 + 0.7 * random.nextDouble();
        double voice = persona.voice;
        double sms = persona.sms;
        double data = persona.data;
        if (segment != Segment.MASS) {
            voice *= 1.4;
            sms *= 0.8;
            data *= 0.9;
        }
        if (segment == Segment.KEY_ACCOUNT) {
            // A group account: several lines behind one subscriber id.
            level *= 1.5;
        }
        double[] rates = new double[Activity.ALL.length];
        rates[Activity.OUTGOING_CALL.ordinal()] = OUTGOING_CALLS_PER_DAY * voice * level;
        rates[Activity.INCOMING_CALL.ordinal()] = INCOMING_CALLS_PER_DAY * voice * level;
        rates[Activity.OUTGOING_SMS.ordinal()] = OUTGOING_SMS_PER_DAY * sms * level;
        rates[Activity.INCOMING_SMS.ordinal()] = INCOMING_SMS_PER_DAY * sms * level;
        rates[Activity.DATA_SESSION.ordinal()] = DATA_SESSIONS_PER_DAY * data * level;
        rates[Activity.TOP_UP.ordinal()] = segment == Segment.MASS && plan.toppedUp() ? 0.1 : 0.005;
        rates[Activity.SERVICE_SUBSCRIBE.ordinal()] = 0.01;
        rates[Activity.SERVICE_CANCEL.ordinal()] = 0.003;
        rates[Activity.COMPLAINT.ordinal()] = 0.004;
        rates[Activity.CARE_CONTACT.ordinal()] = 0.015;
        rates[Activity.FAULT_REPORT.ordinal()] = 0.003;
        rates[Activity.SURVEY.ordinal()] = 0.01;
        rates[Activity.COMPETITOR_CONTACT.ordinal()] =
                segment == Segment.KEY_ACCOUNT ? 0.003 : 0.0003;
        rates[Activity.PLAN_CHANGE.ordinal()] = 0.002;
        return rates;
    }
}
