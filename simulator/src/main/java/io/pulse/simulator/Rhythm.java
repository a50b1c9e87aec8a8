package io.pulse.simulator;

/**
 * How an activity is spread over the hours of a day (UTC is taken as the subscribers' local time).
 * Each rhythm's weights sum to 1, so a daily rate times the weight of an hour is the expected count
 * in that hour.
 */
enum Rhythm {
    /** Few events at night, a daytime plateau, the peak in the evening. */
    PERSONAL(
            new double[] {
                0.6, 0.3, 0.2, 0.15, 0.15, 0.3, 0.8, 2.0, 3.5, 5.0, 5.5, 5.5,
                6.0, 5.5, 5.5, 5.5, 5.5, 6.0, 6.5, 7.0, 7.5, 6.5, 4.0, 2.0
            }),
    /** A night owl's day: quiet mornings, most activity from the evening to the small hours. */
    NIGHT(
            new double[] {
                7.0, 6.0, 4.5, 3.0, 1.5, 0.6, 0.3, 0.3, 0.6, 1.0, 1.5, 2.0,
                2.5, 2.5, 2.5, 2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 7.5, 7.5
            }),
    /** Care centre and shop hours, 08:00 to 20:00. */
    OFFICE(
            new double[] {
                0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
                1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0
            });

    private final double[] shareOfHour;

    Rhythm(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        shareOfHour = new double[weights.length];
        for (int hour = 0; hour < weights.length; hour++) {
            shareOfHour[hour] = weights[hour] / total;
        }
    }

    /** The share of a day's events that falls into the given hour of day (0-23). */
    double shareOf(int hourOfDay) {
        return shareOfHour[hourOfDay];
    }
}
