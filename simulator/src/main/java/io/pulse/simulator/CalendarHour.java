package io.pulse.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** One hour of simulated time and where it falls in the calendar (UTC). */
record CalendarHour(long start, long epochHour, int hourOfDay, int dayOfMonth, boolean weekend) {

    static final long HOUR_MILLIS = 3_600_000L;
    static final long DAY_MILLIS = 24 * HOUR_MILLIS;

    static CalendarHour startingAt(long start) {
        long epochHour = Math.floorDiv(start, HOUR_MILLIS);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(start, DAY_MILLIS));
        DayOfWeek day = date.getDayOfWeek();
        return new CalendarHour(
                start,
                epochHour,
                (int) Math.floorMod(epochHour, 24L),
                date.getDayOfMonth(),
                day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY);
    }

    long end() {
        return start + HOUR_MILLIS;
    }

    long middle() {
        return start + HOUR_MILLIS / 2;
    }
}
