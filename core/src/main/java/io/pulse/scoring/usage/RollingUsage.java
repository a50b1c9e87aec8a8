package io.pulse.scoring.usage;

import io.pulse.schema.SubscriberEvent;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.Iterator;
import java.util.Map;

/**
 * The rolling buckets of docs/specification.md, section 3: daily for the last {@link #DAILY_DAYS}
 * days, weekly beyond them. Today's bucket and three 30-day month sums live in {@link
 * SubscriberState}, read on every event; sealed days and weeks live in {@link SubscriberHistory}
 * and are touched only when the day changes or a late event belongs to a past day.
 *
 * <p>For today = D, a day of age {@code D - day} from 1 to {@link #DAILY_DAYS} is a daily bucket;
 * an older one is folded into the bucket of its week (Monday to Sunday, UTC), which then holds its
 * days from Monday to the newest one folded. Windows: month 1 = D-29 .. D (sealed part D-29 .. D-1
 * plus today) and the daily part of month 2, D-35 .. D-30, are exact; beyond them months 2 (to
 * D-59) and 3 (D-60 .. D-89) are made of weeks, and a week that a month's edge cuts is shared
 * between the two in proportion to its days on each side (each field rounded). A window is then
 * always 30 days long, and exact to within the one week its edge cuts. A week goes when its Sunday
 * is {@code retentionDays} old. A day that leaves month 1 keeps only the fields months 2 and 3 are
 * read for ({@link UsageMath#keepOlderMonthFields}), and so do the weeks.
 */
public final class RollingUsage {
    public static final int MONTH_DAYS = 30;
    public static final int WINDOW_DAYS = 3 * MONTH_DAYS;

    /** Days kept one by one: the anomaly baselines read single days this far back. */
    public static final int DAILY_DAYS = 35;

    /** Epoch day 0, 1970-01-01, was a Thursday: three days after a Monday. */
    private static final int THURSDAY = 3;

    private static final int WEEK_DAYS = 7;

    private final int retentionDays;

    public RollingUsage(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** Whether an event day can still be bucketed, given the subscriber's current day. */
    public boolean withinRetention(SubscriberState state, int eventDay) {
        return eventDay > state.getCurrentDay() - retentionDays;
    }

    /** The epoch day of the Monday of {@code day}'s week (epoch day 0 was a Thursday). */
    public static int mondayOf(int day) {
        return day - Math.floorMod(day + THURSDAY, WEEK_DAYS);
    }

    /** Adds an event to its day or week; a later day first moves today into history. */
    public void record(SubscriberState state, SubscriberEvent event, SubscriberHistory history) {
        int day = Days.epochDay(event.getEventTime());
        if (day > state.getCurrentDay()) {
            advanceTo(state, day, history);
        }
        if (day == state.getCurrentDay()) {
            UsageMath.add(state.getToday(), event);
            return;
        }
        int age = state.getCurrentDay() - day;
        if (age <= DAILY_DAYS) {
            UsageCounters sealed = history.day(day);
            if (sealed == null) {
                sealed = UsageMath.zero();
            }
            UsageMath.add(sealed, event);
            if (age >= MONTH_DAYS) {
                UsageMath.keepOlderMonthFields(sealed);
            }
            history.putDay(day, sealed);
        } else {
            UsageCounters week = weekOf(history, day);
            UsageMath.add(week, event);
            UsageMath.keepOlderMonthFields(week);
        }
        // the month of its own day; the next day's sums share its week out again
        UsageCounters month = monthOf(state, age);
        if (month != null) {
            UsageMath.add(month, event);
            if (age >= MONTH_DAYS) {
                UsageMath.keepOlderMonthFields(month);
            }
        }
    }

    /**
     * Seals today, folds the days older than {@link #DAILY_DAYS} into their weeks, drops the weeks
     * past the retention and recomputes the month sums for a new current day.
     */
    public void advanceTo(SubscriberState state, int newDay, SubscriberHistory history) {
        if (!isEmpty(state.getToday())) {
            history.putDay(state.getCurrentDay(), state.getToday());
        }
        state.setCurrentDay(newDay);
        state.setToday(UsageMath.zero());
        state.setEventsToday(0);
        UsageCounters month1 = UsageMath.zero();
        UsageCounters month2 = UsageMath.zero();
        UsageCounters month3 = UsageMath.zero();
        state.setMonth1(month1);
        state.setMonth2(month2);
        state.setMonth3(month3);
        Iterator<Map.Entry<Integer, UsageCounters>> days = history.days().iterator();
        while (days.hasNext()) {
            Map.Entry<Integer, UsageCounters> entry = days.next();
            int age = newDay - entry.getKey();
            if (age > DAILY_DAYS) {
                days.remove();
                fold(history, entry.getKey(), entry.getValue());
                continue;
            }
            if (age >= MONTH_DAYS) {
                UsageMath.keepOlderMonthFields(entry.getValue());
            }
            UsageCounters month = monthOf(state, age);
            if (month != null) {
                UsageMath.plus(month, entry.getValue());
            }
        }
        Iterator<Map.Entry<Integer, UsageCounters>> weeks = history.weeks().iterator();
        while (weeks.hasNext()) {
            Map.Entry<Integer, UsageCounters> entry = weeks.next();
            int monday = entry.getKey();
            if (newDay - (monday + WEEK_DAYS - 1) >= retentionDays) {
                weeks.remove();
                continue;
            }
            // the week holds its days from Monday to the newest one folded
            int newest = Math.min(monday + WEEK_DAYS - 1, newDay - DAILY_DAYS - 1);
            int length = newest - monday + 1;
            share(state.getMonth2(), entry.getValue(), monday, newest, length, newDay, 2);
            share(state.getMonth3(), entry.getValue(), monday, newest, length, newDay, 3);
        }
    }

    /** Adds to month {@code m} the share of a week of {@code days} days that falls in it. */
    private static void share(
            UsageCounters month,
            UsageCounters week,
            int monday,
            int newest,
            int days,
            int today,
            int m) {
        int from = Math.max(monday, today - m * MONTH_DAYS + 1);
        int to = Math.min(newest, today - (m - 1) * MONTH_DAYS);
        if (to >= from) {
            UsageMath.plus(month, week, to - from + 1, days);
        }
    }

    /** Adds a day that left the daily buckets to its week's. */
    private static void fold(SubscriberHistory history, int day, UsageCounters counters) {
        UsageCounters week = weekOf(history, day);
        UsageMath.plus(week, counters);
        UsageMath.keepOlderMonthFields(week);
    }

    /** The bucket of {@code day}'s week, made empty if there is none yet. */
    private static UsageCounters weekOf(SubscriberHistory history, int day) {
        int monday = mondayOf(day);
        UsageCounters week = history.week(monday);
        if (week == null) {
            week = UsageMath.zero();
            history.putWeek(monday, week);
        }
        return week;
    }

    /** Days from the subscriber's first event to the current day, both included. */
    public static int observedDays(SubscriberState state) {
        return state.getCurrentDay() - Days.epochDay(state.getFirstEventTime()) + 1;
    }

    private static UsageCounters monthOf(SubscriberState state, int age) {
        if (age >= 1 && age < MONTH_DAYS) {
            return state.getMonth1();
        }
        if (age >= MONTH_DAYS && age < 2 * MONTH_DAYS) {
            return state.getMonth2();
        }
        if (age >= 2 * MONTH_DAYS && age < WINDOW_DAYS) {
            return state.getMonth3();
        }
        return null;
    }

    private static boolean isEmpty(UsageCounters c) {
        return c.equals(UsageMath.zero());
    }
}
