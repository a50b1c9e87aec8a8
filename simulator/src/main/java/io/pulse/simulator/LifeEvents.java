package io.pulse.simulator;

import java.util.SplittableRandom;

import static io.pulse.simulator.CalendarHour.DAY_MILLIS;

/**
 * Ordinary life, for every subscriber whether they stay or leave: quiet spells (ill, on holiday
 * without the phone, a busy week) in which they use the line far less, and trips abroad on which
 * their calls roam. And the anomalies that befall a line whatever its owner means to do: a data
 * surge (a laptop tethered, an app run wild), a collapse of paid use (calls and messages moved to a
 * second SIM or a work phone from one day to the next), a burst of dropped calls (a failing
 * handset, a cell near home out of order). Drawn week by week from the subscriber's own seed, each
 * kind from a stream of its own, so that any day can be asked about in any order and gives the same
 * answer.
 */
final class LifeEvents {
    static final double QUIET_SPELLS_PER_YEAR = 2;
    static final double TRIPS_PER_YEAR = 1;
    static final int MAX_QUIET_DAYS = 12;
    static final int MAX_TRIP_DAYS = 14;
    static final double DATA_SURGES_PER_YEAR = 0.3;
    static final double SPEND_COLLAPSES_PER_YEAR = 0.1;
    static final double CALL_DROP_BURSTS_PER_YEAR = 0.2;
    static final int MAX_SURGE_DAYS = 3;
    static final int MIN_COLLAPSE_DAYS = 14;
    static final int MAX_COLLAPSE_DAYS = 60;
    static final int MAX_DROP_BURST_DAYS = 6;
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    /** Weeks back a spell that started earlier can still reach into. */
    private static final int WEEKS_BACK = 2;

    /** Weeks back a collapse of paid use that started earlier can still reach into. */
    static final int COLLAPSE_WEEKS_BACK = (MAX_COLLAPSE_DAYS + 6) / 7 + 1;

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
    private double dataFactor = 1.0;
    private double paidUseLevel = 1.0;
    private double dropRate;

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
        dataFactor = 1.0;
        paidUseLevel = 1.0;
        dropRate = 0;
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
            Spell surge = dataSurgeOf(w);
            if (surge != null && surge.covers(today)) {
                dataFactor = Math.max(dataFactor, surge.level());
            }
            Spell drops = callDropBurstOf(w);
            if (drops != null && drops.covers(today)) {
                dropRate = Math.max(dropRate, drops.level());
            }
        }
        for (long w = week - COLLAPSE_WEEKS_BACK; w <= week; w++) {
            Spell collapse = spendCollapseOf(w);
            if (collapse != null && collapse.covers(today)) {
                paidUseLevel = Math.min(paidUseLevel, collapse.level());
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

    /** Data volume against the usual on the current day: above 1 in a data surge. */
    double dataFactor() {
        return dataFactor;
    }

    /**
     * Paid use of their own (outgoing calls and messages, top-ups) against the usual on the current
     * day: below 1 once it has collapsed.
     */
    double paidUseLevel() {
        return paidUseLevel;
    }

    /** The share of calls the network drops on the current day in a burst; 0 outside one. */
    double dropRate() {
        return dropRate;
    }

    /** The quiet spell starting in the given epoch week, or null. */
    Spell quietSpellOf(long week) {
        return spellOf(week, 1, QUIET_SPELLS_PER_YEAR, 3, MAX_QUIET_DAYS, 0.1, 0.4);
    }

    /** The trip abroad starting in the given epoch week, or null. */
    Spell tripOf(long week) {
        return spellOf(week, 2, TRIPS_PER_YEAR, 3, MAX_TRIP_DAYS, 1.0, 0);
    }

    /** The data surge starting in the given epoch week (level: data against the usual), or null. */
    Spell dataSurgeOf(long week) {
        return spellOf(week, 3, DATA_SURGES_PER_YEAR, 1, MAX_SURGE_DAYS, 5, 15);
    }

    /**
     * The collapse of paid use starting in the given epoch week (level: paid use against the
     * usual), or null.
     */
    Spell spendCollapseOf(long week) {
        return spellOf(
                week,
                4,
                SPEND_COLLAPSES_PER_YEAR,
                MIN_COLLAPSE_DAYS,
                MAX_COLLAPSE_DAYS,
                0.05,
                0.25);
    }

    /**
     * The burst of dropped calls starting in the given epoch week (level: the drop rate), or null.
     */
    Spell callDropBurstOf(long week) {
        return spellOf(week, 5, CALL_DROP_BURSTS_PER_YEAR, 2, MAX_DROP_BURST_DAYS, 0.2, 0.4);
    }

    /**
     * A spell of one kind starting in the given epoch week, from that week's own random stream: on
     * a day of the week, {@code minDays} to {@code maxDays} long, at a level drawn from {@code
     * level} to {@code level + levelWidth}; or null, most weeks.
     */
    private Spell spellOf(
            long week,
            int kind,
            double perYear,
            int minDays,
            int maxDays,
            double level,
            double levelWidth) {
        SplittableRandom random = weekRandom(week, kind);
        if (!Draw.chance(random, perYear / 52)) {
            return null;
        }
        return new Spell(
                week * 7 + random.nextInt(7),
                minDays + random.nextInt(maxDays - minDays + 1),
                level + levelWidth * random.nextDouble());
    }

    private SplittableRandom weekRandom(long week, int kind) {
        return new SplittableRandom(
                Mix.mix(Mix.mix(seed + kind * GOLDEN_GAMMA) + week * GOLDEN_GAMMA));
    }
}
