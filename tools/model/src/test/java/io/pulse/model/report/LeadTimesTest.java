package io.pulse.model.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeadTimesTest {

    @Test
    void medianIsTheMiddleOrTheMeanOfTheTwoMiddleValues() {
        assertThat(LeadTimes.median(new double[] {30, 3, 10})).isEqualTo(10);
        assertThat(LeadTimes.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(LeadTimes.median(new double[] {7})).isEqualTo(7);
        assertThat(LeadTimes.median(new double[0])).isNaN();
    }

    @Test
    void medianLeavesItsInputUnsorted() {
        double[] days = {3, 1, 2};
        LeadTimes.median(days);
        assertThat(days).containsExactly(3, 1, 2);
    }

    @Test
    void binsAreTheFinestOfDaysWeeksAndMonthsThatFitTwenty() {
        assertThat(LeadTimes.binWidth(0)).isEqualTo(1);
        assertThat(LeadTimes.binWidth(19.5)).isEqualTo(1); // 20 one-day bins
        assertThat(LeadTimes.binWidth(20)).isEqualTo(2); // 21 one-day bins would be too many
        assertThat(LeadTimes.binWidth(100)).isEqualTo(7); // 15 weeks
        assertThat(LeadTimes.binsFor(100, 7)).isEqualTo(15);
        assertThat(LeadTimes.binWidth(500)).isEqualTo(30); // 17 months
        assertThat(LeadTimes.binWidth(100_000)).isEqualTo(5_001);
    }

    @Test
    void histogramCountsFromInclusiveToExclusive() {
        assertThat(LeadTimes.histogram(new double[] {0, 6.9, 7, 13, 20.5}, 7, 3))
                .containsExactly(2, 2, 1);
        assertThat(LeadTimes.label(2, 7)).isEqualTo("14-21");
        assertThat(LeadTimes.label(3, 1)).isEqualTo("3");
    }
}
