package io.pulse.simulator;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

import io.pulse.schema.CustomerType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the simulated population: segments and behaviours in exact shares, then each
 * subscriber's profile and habits from their own random stream.
 */
final class Population {

    static final double KEY_ACCOUNT_SHARE = 0.03;
    static final double BUSINESS_SHARE = 0.12;

    private static final int KEY_ACCOUNTS_PER_MANAGER = 8;
    /** A spend decliner moves its lines away within this many days. */
    private static final long SPEND_DECLINE_DAYS = 7;
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

    static List<SimulatedSubscriber> generate(int size, long seed, long start) {
        SplittableRandom random = new SplittableRandom(seed);
        Segment[] segments = segmentsOf(size);
        shuffle(segments, random);
        Behaviour[] behaviours = behavioursOf(segments, random);
        int keyAccounts = Apportionment.apportion(size, segmentShares())[Segment.KEY_ACCOUNT.ordinal()];
        int managers = Math.max(1, (keyAccounts + KEY_ACCOUNTS_PER_MANAGER - 1) / KEY_ACCOUNTS_PER_MANAGER);
        LocalDate startDate = LocalDate.ofEpochDay(Math.floorDiv(start, DAY_MILLIS));

        List<SimulatedSubscriber> subscribers = new ArrayList<>(size);
        int keyAccountNumber = 0;
        int silentKeyAccounts = 0;
        for (int index = 0; index < size; index++) {
            SplittableRandom own = random.split();
            Segment segment = segments[index];
            Behaviour behaviour = behaviours[index];
            String accountManager = null;
            boolean silentFromFirstDay = false;
            if (segment == Segment.KEY_ACCOUNT) {
                accountManager = String.format("am-%03d", keyAccountNumber++ % managers + 1);
                // Every other silent key account goes quiet on day one: its 3-day alert comes early.
                silentFromFirstDay = behaviour == Behaviour.SILENT && silentKeyAccounts++ % 2 == 0;
            }
            Plan plan = Plan.choose(segment, own);
            SubscriberProfile profile = profile(
                    String.format("sub-%06d", index + 1), segment, plan, accountManager, startDate, start, own);
            long declineDuration = behaviour == Behaviour.SPEND_DECLINER
                    ? SPEND_DECLINE_DAYS * DAY_MILLIS
                    : Draw.between(own, 21, 36) * DAY_MILLIS;
            int billDay = 1 + own.nextInt(28);
            long behaviourStart = behaviourStart(behaviour, silentFromFirstDay, start, billDay, own);
            subscribers.add(new SimulatedSubscriber(
                    index, profile, behaviour, behaviourStart, declineDuration, billDay,
                    dailyRates(segment, behaviour, plan, own)));
        }
        return subscribers;
    }

    static double[] segmentShares() {
        double[] shares = new double[Segment.values().length];
        shares[Segment.KEY_ACCOUNT.ordinal()] = KEY_ACCOUNT_SHARE;
        shares[Segment.BUSINESS.ordinal()] = BUSINESS_SHARE;
        shares[Segment.MASS.ordinal()] = 1.0 - KEY_ACCOUNT_SHARE - BUSINESS_SHARE;
        return shares;
    }

    static BehaviourMix mixOf(Segment segment) {
        return segment == Segment.KEY_ACCOUNT ? BehaviourMix.KEY_ACCOUNTS : BehaviourMix.MASS_AND_BUSINESS;
    }

    private static Segment[] segmentsOf(int size) {
        int[] counts = Apportionment.apportion(size, segmentShares());
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

    private static <T> void shuffle(T[] values, SplittableRandom random) {
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
            String accountManager,
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
                .setAccountManagerId(accountManager)
                .setRegion(individual && Draw.chance(random, 0.02) ? null : REGIONS[random.nextInt(REGIONS.length)])
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
    private static LocalDate activationDate(Segment segment, LocalDate startDate, SplittableRandom random) {
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
    private static LocalDate contractEndDate(Segment segment, LocalDate startDate, SplittableRandom random) {
        double withContract = segment == Segment.KEY_ACCOUNT ? 1.0 : segment == Segment.BUSINESS ? 0.8 : 0.5;
        if (!Draw.chance(random, withContract)) {
            return null;
        }
        long daysAfter = Draw.chance(random, 0.15) ? Draw.between(random, 10, 91) : Draw.between(random, 91, 731);
        return startDate.plusDays(daysAfter);
    }

    /**
     * When the planted behaviour begins. Behaviours whose alert needs little history begin within
     * the first three weeks; the others so that their alert is due once the scoring job has the
     * history it needs: a month of bills for a bill shock, two months of spend for a spend drop,
     * three months of usage for a usage drop.
     */
    private static long behaviourStart(
            Behaviour behaviour, boolean silentFromFirstDay, long start, int billDay, SplittableRandom random) {
        long firstMidnight = Math.floorDiv(start + DAY_MILLIS - 1, DAY_MILLIS) * DAY_MILLIS;
        switch (behaviour) {
            case SILENT:
                if (silentFromFirstDay) {
                    return start + Draw.between(random, 6 * HOUR_MILLIS, 18 * HOUR_MILLIS);
                }
                return start + Draw.between(random, DAY_MILLIS, 14 * DAY_MILLIS);
            case DECLINER:
                // after some normal weeks, so that three months in the last month is far below the two before
                return start + Draw.between(random, 14 * DAY_MILLIS, 35 * DAY_MILLIS);
            case CHURNER:
                return start + Draw.between(random, 0, 7 * DAY_MILLIS);
            case DORMANT:
                return start + Draw.between(random, 6 * HOUR_MILLIS, 10 * DAY_MILLIS);
            case SPIKER:
                // after two weeks, so the spike is judged against the subscriber's own average
                return firstMidnight + Draw.between(random, 14, 21) * DAY_MILLIS;
            case FAULTY:
            case COURTED:
                return officeHourOf(firstMidnight + Draw.between(random, 1, 14) * DAY_MILLIS, random);
            case BILL_SHOCKED:
                return billTimeFrom(start + Draw.between(random, 35, 57) * DAY_MILLIS, billDay);
            case SPEND_DECLINER:
                return start + Draw.between(random, 20, 36) * DAY_MILLIS;
            default:
                return start;
        }
    }

    /** A moment between 09:00 and 18:00 of the day starting at {@code midnight}. */
    private static long officeHourOf(long midnight, SplittableRandom random) {
        return midnight + Draw.between(random, 9 * HOUR_MILLIS, 18 * HOUR_MILLIS);
    }

    /** The start of the hour of the subscriber's first bill at or after {@code time}. */
    private static long billTimeFrom(long time, int billDay) {
        LocalDate from = LocalDate.ofEpochDay(Math.floorDiv(time, DAY_MILLIS));
        LocalDate billDate = from.withDayOfMonth(billDay);
        if (billDate.isBefore(from)) {
            billDate = billDate.plusMonths(1);
        }
        long billHour = billDate.toEpochDay() * DAY_MILLIS + SimulatedSubscriber.BILL_HOUR_OF_DAY * HOUR_MILLIS;
        return billHour >= time ? billHour : billTimeFrom(billHour + DAY_MILLIS, billDay);
    }

    private static double[] dailyRates(Segment segment, Behaviour behaviour, Plan plan, SplittableRandom random) {
        double level = 0.65 + 0.7 * random.nextDouble();
        double voice = 1.0;
        double sms = 1.0;
        double data = 1.0;
        if (segment != Segment.MASS) {
            voice = 1.4;
            sms = 0.8;
            data = 0.9;
        }
        if (segment == Segment.KEY_ACCOUNT) {
            // A group account: several lines behind one subscriber id.
            level *= 1.5;
        }
        boolean complainer = behaviour == Behaviour.COMPLAINER;
        double[] rates = new double[Activity.ALL.length];
        rates[Activity.OUTGOING_CALL.ordinal()] = OUTGOING_CALLS_PER_DAY * voice * level;
        rates[Activity.INCOMING_CALL.ordinal()] = INCOMING_CALLS_PER_DAY * voice * level;
        rates[Activity.OUTGOING_SMS.ordinal()] = OUTGOING_SMS_PER_DAY * sms * level;
        rates[Activity.INCOMING_SMS.ordinal()] = INCOMING_SMS_PER_DAY * sms * level;
        rates[Activity.DATA_SESSION.ordinal()] = DATA_SESSIONS_PER_DAY * data * level;
        rates[Activity.TOP_UP.ordinal()] = segment == Segment.MASS && plan.toppedUp() ? 0.1 : 0.005;
        rates[Activity.SERVICE_SUBSCRIBE.ordinal()] = 0.01;
        rates[Activity.SERVICE_CANCEL.ordinal()] = 0.003;
        rates[Activity.COMPLAINT.ordinal()] = complainer ? 0.2 : 0.004;
        rates[Activity.CARE_CONTACT.ordinal()] = complainer ? 0.3 : 0.015;
        rates[Activity.FAULT_REPORT.ordinal()] = complainer ? 0.06 : 0.003;
        rates[Activity.SURVEY.ordinal()] = complainer ? 0.08 : 0.01;
        rates[Activity.COMPETITOR_CONTACT.ordinal()] = segment == Segment.KEY_ACCOUNT ? 0.003 : 0.0;
        return rates;
    }
}
