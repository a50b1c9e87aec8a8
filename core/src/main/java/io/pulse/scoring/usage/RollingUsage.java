package io.pulse.scoring.usage;

import io.pulse.schema.SubscriberEvent;
import io.pulse.state.SubscriberState;
import io.pulse.state.UsageCounters;

import java.util.Iterator;
import java.util.Map;

/**
 * The rolling daily buckets of docs/specification.md, section 3. Today's bucket and three 30-day
 * month sums live in {@link SubscriberState}, read on every event; sealed days live in {@link
 * SubscriberHistory} and are touched only when the day changes or a late event belongs to a past
 * day.
 *
 * <p>Windows, for today = D: month 1 = D-29 .. D (sealed part D-29 .. D-1 plus today), month 2 =
 * D-59 .. D-30, month 3 = D-89 .. D-60. A day that leaves month 1 keeps only the fields months 2
 * and 3 are read for ({@link UsageMath#keepOlderMonthFields}).
 */
public final class RollingUsage {
    public static final int MONTH_DAYS = 30;
    public static final int WINDOW_DAYS = 3 * MONTH_DAYS;

    private final int retentionDays;

    public RollingUsage(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** Whether an event day can still be bucketed, given the subscriber's current day. */
    public boolean withinRetention(SubscriberState state, int eventDay) {
        return eventDay > state.getCurrentDay() - retentionDays;
    }

    /** Adds an event to its day; a later day first moves today into history. */
    public void record(SubscriberState state, SubscriberEvent event, SubscriberHistory history) {
        int day = Days.epochDay(event.getEventTime());
        if (day > state.getCurrentDay()) {
            advanceTo(state, day, history);
        }
        if (day == state.getCurrentDay()) {
            UsageMath.add(state.getToday(), event);
            return;
        }
        UsageCounters sealed = history.day(day);
        if (sealed == null) {
            sealed = UsageMath.zero();
        }
        UsageMath.add(sealed, event);
        int age = state.getCurrentDay() - day;
        if (age >= MONTH_DAYS) {
            UsageMath.keepOlderMonthFields(sealed);
        }
        history.putDay(day, sealed);
        UsageCounters month = monthOf(state, age);
        if (month != null) {
            UsageMath.add(month, event);
            if (age >= MONTH_DAYS) {
                UsageMath.keepOlderMonthFields(month);
            }
        }
    }

    /** Seals today and recomputes the month sums for a new current day, dropping expired days. */
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
            if (age >= retentionDays) {
                days.remove();
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
