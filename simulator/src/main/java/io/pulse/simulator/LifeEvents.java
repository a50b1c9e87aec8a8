package io.pulse.simulator;

import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * Ordinary life, for every subscriber whether they stay or leave: quiet spells (ill, on holiday
 * without the phone, a busy week) in which they use the line far less, and trips abroad on which
 * their calls roam. Drawn week by week from the subscriber's own seed, so that any day can be asked
 * about in any order and gives the same answer.
 */
final class LifeEvents {
    static final double QUIET_SPELLS_PER_YEAR = 2;
    static final double TRIPS_PER_YEAR = 1;
    static final int MAX_QUIET_DAYS = 12;
    static final int MAX_TRIP_DAYS = 14;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Weeks back a spell that started earlier can still reach into. */
    private static final int WEEKS_BACK = 2;

    /**
     * A spell of days [firstDay, firstDay + days) in epoch days; {@code level}: usage against the
     * usual.
     */
    record Spell(long firstDay, int days, double level) {
        boolean covers(long day) {
            return day >= firstDay && day < firstDay + days;
        }
    }

    private final long seed;
    private long day = Long.MIN_VALUE;
    private double quietLevel = 1.0;
    private boolean travelling;

    LifeEvents(long seed) {
        this.seed = seed;
    }

    /** Moves to the day of {@code time}; cheap within the same day. */
    void moveTo(long time) {
        long today = Math.floorDiv(time, DAY_MILLIS);
        if (today == day) {
            return;
        }
        day = today;
        quietLevel = 1.0;
        travelling = false;
        long week = Math.floorDiv(today, 7);
        for (long w = week - WEEKS_BACK; w <= week; w++) {
            Spell quiet = quietSpellOf(w);
            if (quiet != null && quiet.covers(today)) {
                quietLevel = Math.min(quietLevel, quiet.level());
            }
            Spell trip = tripOf(w);
            if (trip != null && trip.covers(today)) {
                travelling = true;
            }
        }
    }

    /** Usage against the usual on the current day: below 1 in a quiet spell. */
    double quietLevel() {
        return quietLevel;
    }

    /** Whether the subscriber is abroad on the current day. */
    boolean travelling() {
        return travelling;
    }

    /** The quiet spell starting in the given epoch week, or null. */
    Spell quietSpellOf(long week) {
        SplittableRandom random = weekRandom(week, 1);
        if (!Draw.chance(random, QUIET_SPELLS_PER_YEAR / 52)) {
            return null;
        }
        return new Spell(
                week * 7 + random.nextInt(7),
                3 + random.nextInt(MAX_QUIET_DAYS - 2),
                0.1 + 0.4 * random.nextDouble());
    }

    /** The trip abroad starting in the given epoch week, or null. */
    Spell tripOf(long week) {
        SplittableRandom random = weekRandom(week, 2);
        if (!Draw.chance(random, TRIPS_PER_YEAR / 52)) {
            return null;
        }
        return new Spell(week * 7 + random.nextInt(7), 3 + random.nextInt(MAX_TRIP_DAYS - 2), 1.0);
    }

    private SplittableRandom weekRandom(long week, int kind) {
        return new SplittableRandom(
                Mix.mix(Mix.mix(seed + kind * GOLDEN_GAMMA) + week * GOLDEN_GAMMA));
    }
}
