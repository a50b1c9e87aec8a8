package io.pulse.scoring.accounts;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.ServiceSpend.Measure;
import io.pulse.state.AccountLine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer account judged as one: a fall spread thinly over its 40 lines, none of which would
 * raise SPEND_DROP alone, opens one case for the account manager naming the lines; a smaller fall
 * opens none; a competitor's approach to some lines is one case listing them.
 */
class AccountWatchTest {
    private static final String ACCOUNT = "acct-1";

    private final AccountWatch watch = new AccountWatch(shippedConfig());
    private final Map<String, AccountLine> lines = new LinkedHashMap<>();
    private final Map<AlertType, Long> open = new EnumMap<>(AlertType.class);

    private List<AccountAlert> report(AccountLine line) {
        AccountLine previous = lines.put(line.getSubscriberId(), line);
        return watch.judge(
                ACCOUNT,
                new ArrayList<>(lines.values()),
                previous,
                line,
                open,
                line.getEventTime(),
                0L);
    }

    /** A line of 90 yuan a month (too small to be judged alone), down {@code share}. */
    private static AccountLine line(int i, double share, long now) {
        long reference = 9_000;
        long current = Math.round(reference * (1 - share));
        return AccountWatch.lineOf(
                ACCOUNT,
                "line-" + i,
                true,
                List.of(
                        new ServiceSpend(Measure.TOTAL, current, reference),
                        new ServiceSpend(Measure.VOICE, current / 2, reference / 2)),
                null,
                null,
                "am-7",
                now);
    }

    private List<AccountAlert> fortyLinesDown(double share, long now) {
        List<AccountAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            alerts.addAll(report(line(i, share, now + i)));
        }
        return alerts;
    }

    @Test
    void aTwelvePercentFallOverFortyLinesIsOneCaseForTheAccountManager() {
        assertThat(fortyLinesDown(0.0, at(39, 9))).isEmpty();
        // the lines report their fall one by one, on their next day
        List<AccountAlert> alerts = fortyLinesDown(0.12, at(40, 9));

        assertThat(alerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getType()).isEqualTo(AlertType.SPEND_DROP);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getAccountId()).isEqualTo(ACCOUNT);
                            assertThat(a.getRoute()).isEqualTo(Route.ACCOUNT_MANAGER);
                            assertThat(a.getAssignee()).isEqualTo("am-7");
                            assertThat(a.getLines()).isEqualTo(40);
                            assertThat(a.getLineIds()).hasSize(5);
                            assertThat(a.getReasons().get(0).getCode())
                                    .isEqualTo("TOTAL_SPEND_DROP");
                            // raised as the fall crosses the line: at the 34th line's report
                            assertThat(a.getReasons().get(0).getText())
                                    .isEqualTo(
                                            "The account's latest bill 3232.80 yuan, -10% against"
                                                    + " 3600.00 the month before (alert from -10%)");
                            assertThat(a.getReasons())
                                    .filteredOn(r -> r.getCode().equals("LINE_SPEND"))
                                    .hasSize(5);
                        });
        assertThat(open).containsKey(AlertType.SPEND_DROP);
    }

    @Test
    void anEightPercentFallIsNoCaseAndARecoveryClosesOne() {
        fortyLinesDown(0.0, at(39, 9));
        assertThat(fortyLinesDown(0.08, at(40, 9))).isEmpty();

        fortyLinesDown(0.15, at(41, 9));
        List<AccountAlert> recovered = fortyLinesDown(0.02, at(42, 9));
        assertThat(recovered)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                            assertThat(a.getOutcome()).isEqualTo(AccountWatch.SPEND_RECOVERED);
                            assertThat(a.getEpisodeStart()).isBetween(at(41, 9), at(41, 10));
                        });
        assertThat(open).isEmpty();
    }

    @Test
    void aLineLostIsTheAccountsCase() {
        fortyLinesDown(0.0, at(40, 9));
        AccountLine ported = line(7, 0.0, at(41, 9));
        ported.setActive(false);
        assertThat(report(ported))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
                            assertThat(a.getLinesLost()).isEqualTo(1);
                            assertThat(a.getLineIds()).containsExactly("line-7");
                        });
    }

    @Test
    void approachesToSomeLinesAreOneCaseListingThemUntilTheQuietDaysPass() {
        for (int i = 0; i < 10; i++) {
            report(line(i, 0.0, at(40, 9)));
        }
        AccountLine first = line(3, 0.0, at(41, 9));
        first.setCompetitorContactTime(at(41, 9));
        first.setCompetitor("RivalTel");
        assertThat(report(first))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getType()).isEqualTo(AlertType.COMPETITOR_CONTACT);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getLineIds()).containsExactly("line-3");
                            assertThat(a.getReasons().get(0).getText())
                                    .startsWith("line-3 approached by RivalTel on ");
                        });
        AccountLine second = line(8, 0.0, at(43, 9));
        second.setCompetitorContactTime(at(43, 9));
        second.setCompetitor("RivalTel");
        assertThat(report(second))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
                            assertThat(a.getEpisodeStart()).isEqualTo(at(41, 9));
                            assertThat(a.getLineIds()).containsExactly("line-3", "line-8");
                        });
        AccountLine again = line(3, 0.0, at(44, 9));
        again.setCompetitorContactTime(at(44, 9));
        again.setCompetitor("RivalTel");
        assertThat(report(again))
                .as("a listed line approached again is no news for the case")
                .isEmpty();
        // the lines' daily reports carry their latest approach; the case stays open till 30 quiet
        // days
        AccountLine quietLater = line(8, 0.0, at(44, 9) + 29 * DAY);
        quietLater.setCompetitorContactTime(at(43, 9));
        assertThat(report(quietLater)).isEmpty();
        AccountLine quiet = line(8, 0.0, at(44, 9) + 30 * DAY);
        quiet.setCompetitorContactTime(at(43, 9));
        lines.get("line-3").setEventTime(at(44, 9) + 30 * DAY);
        assertThat(report(quiet))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                            assertThat(a.getOutcome()).isEqualTo(AccountWatch.QUIET);
                        });
    }

    @Test
    void aLineSilentForLongerThanTheReferenceMonthIsForgotten() {
        AccountLine line = line(1, 0.0, at(10, 9));
        assertThat(AccountWatch.forgotten(line, at(10, 9) + 34 * DAY)).isFalse();
        assertThat(AccountWatch.forgotten(line, at(10, 9) + 35 * DAY)).isTrue();
    }
}
