package io.pulse.simulator;

import java.time.LocalDate;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;
import static io.pulse.simulator.CalendarHour.HOUR_MILLIS;

/**
 * When a subscriber's monthly bills are issued: their bill day, at {@link #BILL_HOUR_OF_DAY}:00
 * UTC.
 */
final class BillCalendar {
    /** Bills are issued in this hour (UTC) of the subscriber's bill day. */
    static final int BILL_HOUR_OF_DAY = 2;

    /** A bill is due this many days after it is issued. */
    static final int DUE_DAYS = 20;

    private BillCalendar() {}

    /** The subscriber's first bill at or after {@code time}. */
    static long billTimeFrom(long time, int billDay) {
        LocalDate from = LocalDate.ofEpochDay(Math.floorDiv(time, DAY_MILLIS));
        LocalDate billDate = from.withDayOfMonth(billDay);
        if (billDate.isBefore(from)) {
            billDate = billDate.plusMonths(1);
        }
        long billTime = billAt(billDate);
        return billTime >= time ? billTime : billAt(billDate.plusMonths(1));
    }

    /** The subscriber's last bill at or before {@code time}. */
    static long billTimeBefore(long time, int billDay) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(time, DAY_MILLIS));
        LocalDate billDate = day.withDayOfMonth(billDay);
        if (billDate.isAfter(day)) {
            billDate = billDate.minusMonths(1);
        }
        long billTime = billAt(billDate);
        return billTime <= time ? billTime : billAt(billDate.minusMonths(1));
    }

    private static long billAt(LocalDate date) {
        return date.toEpochDay() * DAY_MILLIS + BILL_HOUR_OF_DAY * HOUR_MILLIS;
    }
}
