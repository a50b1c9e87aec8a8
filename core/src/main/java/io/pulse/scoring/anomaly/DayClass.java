package io.pulse.scoring.anomaly;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The two halves of a subscriber's weekly rhythm: a baseline compares weekdays with weekdays and
 * weekends with weekends (UTC days, like the daily buckets).
 */
public enum DayClass {
    WEEKDAY,
    WEEKEND;

    public static DayClass of(int epochDay) {
        DayOfWeek day = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
    }
}
