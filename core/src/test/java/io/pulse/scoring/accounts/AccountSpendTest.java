package io.pulse.scoring.accounts;

import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.ServiceSpend.Measure;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.shippedConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account's warning lines over its lines: a fall spread thinly over 40 lines, none of which
 * would raise SPEND_DROP alone, is the account's fall; a smaller one is not.
 */
class AccountSpendTest {
    private final AccountSpend account = new AccountSpend(shippedConfig().alerts().spendDrop());

    /** 40 lines of 90 yuan a month (each too small to be judged alone), each down {@code share}. */
    private static List<LineSpend> fortyLinesDown(double share) {
        List<LineSpend> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long reference = 9_000;
            long now = Math.round(reference * (1 - share));
            lines.add(
                    new LineSpend(
                            "line-" + i,
                            true,
                            List.of(
                                    new ServiceSpend(Measure.TOTAL, now, reference),
                                    new ServiceSpend(Measure.VOICE, now / 2, reference / 2))));
        }
        return lines;
    }

    @Test
    void aTwelvePercentFallSpreadOverFortyLinesIsTheAccountsFall() {
        double lineMinimum = shippedConfig().alerts().spendDrop().minReferenceYuan();
        assertThat(90.0).as("each line alone is too small to judge").isLessThan(lineMinimum);

        AccountSpend.Judgement judgement = account.judge(fortyLinesDown(0.12));

        assertThat(judgement.dropped()).isTrue();
        assertThat(judgement.lines()).isEqualTo(40);
        assertThat(judgement.falls())
                .filteredOn(f -> f.measure() == Measure.TOTAL)
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.referenceMinor()).isEqualTo(360_000);
                            assertThat(f.share())
                                    .isCloseTo(0.12, org.assertj.core.data.Offset.offset(0.001));
                        });
        assertThat(judgement.evidence())
                .hasSize(AccountSpend.LINES_NAMED)
                .allSatisfy(
                        e ->
                                assertThat(e)
                                        .matches(
                                                "line-\\d+: Latest bill 79.20 yuan, 90.00 the month before"));
    }

    @Test
    void anEightPercentFallIsNot() {
        AccountSpend.Judgement judgement = account.judge(fortyLinesDown(0.08));
        assertThat(judgement.dropped()).isFalse();
        assertThat(judgement.recovered()).isFalse(); // 8% is not under half of 10%
        assertThat(account.judge(fortyLinesDown(0.02)).recovered()).isTrue();
    }

    @Test
    void linesLostAreTheAccountsFallAndNamedAsSuch() {
        List<LineSpend> lines = new ArrayList<>(fortyLinesDown(0.0));
        LineSpend ported = lines.remove(7);
        lines.add(new LineSpend(ported.subscriberId(), false, ported.spend()));

        AccountSpend.Judgement judgement = account.judge(lines);

        assertThat(judgement.dropped()).isTrue();
        assertThat(judgement.linesLost()).isEqualTo(1);
        assertThat(judgement.evidence())
                .first()
                .isEqualTo("line-7: Latest bill 0.00 yuan, 90.00 the month before (line lost)");
    }
}
