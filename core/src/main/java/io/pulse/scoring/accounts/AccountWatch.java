package io.pulse.scoring.accounts;

import io.pulse.schema.AccountAlert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.scoring.alerts.AlertFactory;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.ServiceSpend.Measure;
import io.pulse.state.AccountLine;
import io.pulse.state.LineServiceSpend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A customer account judged as one, over the latest {@link AccountLine} of each of its lines
 * (docs/specification.md, section 5): its spend by service summed over the lines against the
 * reference month, and lines lost ({@link AccountSpend}: SPEND_DROP); and a competitor's approach
 * to any of its lines (COMPETITOR_CONTACT). One episode per account and type, whatever the number
 * of lines, with the lines it is about: the account manager gets one case.
 */
public final class AccountWatch {
    public static final String SPEND_ACTION =
            "Account review with the account manager: the lines and services that fell";
    public static final String SPEND_RECOVERED = "SPEND_RECOVERED";
    public static final String QUIET = "QUIET";

    /** A line that has sent nothing for this long, or was terminated this long ago, is dropped. */
    public static final long FORGET_AFTER_MILLIS = Days.days(35);

    private final AccountSpend spend;
    private final ScoringConfig.CompetitorContact competitor;
    private final String configVersion;

    public AccountWatch(ScoringConfig config) {
        this.spend = new AccountSpend(config.alerts().spendDrop());
        this.competitor = config.alerts().competitorContact();
        this.configVersion = config.version();
    }

    /** Whether the watch forgets a line at event time {@code now}. */
    public static boolean forgotten(AccountLine line, long now) {
        return line.getEventTime() + FORGET_AFTER_MILLIS <= now;
    }

    /**
     * Judges the account at event time {@code now}, after {@code update} (one of {@code lines}),
     * which replaced {@code previous}, the line's report before (null: its first). {@code open}
     * holds the start of each open episode by type, and is changed here as episodes open and close.
     */
    public List<AccountAlert> judge(
            String accountId,
            List<AccountLine> lines,
            AccountLine previous,
            AccountLine update,
            Map<AlertType, Long> open,
            long now,
            long processingTime) {
        List<AccountAlert> alerts = new ArrayList<>();
        judgeSpend(accountId, lines, open, now, processingTime, alerts);
        judgeApproaches(accountId, lines, previous, update, open, now, processingTime, alerts);
        return alerts;
    }

    private void judgeSpend(
            String accountId,
            List<AccountLine> lines,
            Map<AlertType, Long> open,
            long now,
            long processingTime,
            List<AccountAlert> alerts) {
        AccountSpend.Judgement judgement =
                spend.judge(lines.stream().map(AccountWatch::spendOf).toList());
        Long start = open.get(AlertType.SPEND_DROP);
        if (start == null && judgement.dropped()) {
            open.put(AlertType.SPEND_DROP, now);
            Severity severity =
                    judgement.linesLost() > 0
                                    || (!judgement.falls().isEmpty()
                                            && judgement.falls().get(0).strength() >= 2)
                            ? Severity.HIGH
                            : Severity.MEDIUM;
            alerts.add(
                    alert(
                                    accountId,
                                    AlertType.SPEND_DROP,
                                    AlertStatus.OPEN,
                                    severity,
                                    now,
                                    now,
                                    lines,
                                    SPEND_ACTION)
                            .setLinesLost(judgement.linesLost())
                            .setLineIds(judgement.namedLines())
                            .setReasons(spendReasons(judgement))
                            .setProcessingTime(processingTime)
                            .build());
        } else if (start != null && judgement.recovered()) {
            open.remove(AlertType.SPEND_DROP);
            alerts.add(
                    alert(
                                    accountId,
                                    AlertType.SPEND_DROP,
                                    AlertStatus.RESOLVED,
                                    Severity.MEDIUM,
                                    start,
                                    now,
                                    lines,
                                    SPEND_ACTION)
                            .setLinesLost(judgement.linesLost())
                            .setLineIds(List.of())
                            .setReasons(spendReasons(judgement))
                            .setOutcome(SPEND_RECOVERED)
                            .setProcessingTime(processingTime)
                            .build());
        }
    }

    private void judgeApproaches(
            String accountId,
            List<AccountLine> lines,
            AccountLine previous,
            AccountLine update,
            Map<AlertType, Long> open,
            long now,
            long processingTime,
            List<AccountAlert> alerts) {
        long quiet = Days.days(competitor.quietDays());
        List<AccountLine> approached =
                lines.stream()
                        .filter(l -> l.getCompetitorContactTime() != null)
                        .filter(l -> l.getCompetitorContactTime() + quiet > now)
                        .sorted(Comparator.comparing(AccountLine::getSubscriberId))
                        .toList();
        Long start = open.get(AlertType.COMPETITOR_CONTACT);
        // news for the case: an approach to a line it does not list yet (not one approached again)
        boolean newApproach =
                update.getCompetitor() != null
                        && !(start != null
                                && previous != null
                                && previous.getCompetitorContactTime() != null
                                && previous.getCompetitorContactTime() >= start);
        if (start == null && !approached.isEmpty()) {
            open.put(AlertType.COMPETITOR_CONTACT, now);
            alerts.add(
                    approaches(
                            accountId,
                            AlertStatus.OPEN,
                            now,
                            now,
                            lines,
                            approached,
                            processingTime));
        } else if (start != null && approached.isEmpty()) {
            open.remove(AlertType.COMPETITOR_CONTACT);
            AccountAlert resolved =
                    approaches(
                            accountId,
                            AlertStatus.RESOLVED,
                            start,
                            now,
                            lines,
                            approached,
                            processingTime);
            resolved.setOutcome(QUIET);
            alerts.add(resolved);
        } else if (start != null && newApproach) {
            alerts.add(
                    approaches(
                            accountId,
                            AlertStatus.UPDATED,
                            start,
                            now,
                            lines,
                            approached,
                            processingTime));
        }
    }

    private AccountAlert approaches(
            String accountId,
            AlertStatus status,
            long start,
            long now,
            List<AccountLine> lines,
            List<AccountLine> approached,
            long processingTime) {
        List<Reason> reasons = new ArrayList<>();
        for (AccountLine line : approached) {
            reasons.add(
                    Reason.newBuilder()
                            .setCode("COMPETITOR_APPROACH")
                            .setText(
                                    String.format(
                                            Locale.ROOT,
                                            "%s approached%s on %s",
                                            line.getSubscriberId(),
                                            line.getCompetitor() != null
                                                    ? " by " + line.getCompetitor()
                                                    : "",
                                            Instant.ofEpochMilli(line.getCompetitorContactTime())))
                            .build());
        }
        return alert(
                        accountId,
                        AlertType.COMPETITOR_CONTACT,
                        status,
                        Severity.HIGH,
                        start,
                        now,
                        lines,
                        competitor.action())
                .setLinesLost((int) lines.stream().filter(l -> !l.getActive()).count())
                .setLineIds(approached.stream().map(AccountLine::getSubscriberId).toList())
                .setReasons(reasons)
                .setProcessingTime(processingTime)
                .build();
    }

    private AccountAlert.Builder alert(
            String accountId,
            AlertType type,
            AlertStatus status,
            Severity severity,
            long start,
            long now,
            List<AccountLine> lines,
            String action) {
        String manager =
                lines.stream()
                        .map(AccountLine::getAccountManagerId)
                        .filter(m -> m != null)
                        .findFirst()
                        .orElse(null);
        return AccountAlert.newBuilder()
                .setAlertId(AlertFactory.alertId("account:" + accountId, type, start))
                .setAccountId(accountId)
                .setType(type)
                .setStatus(status)
                .setSeverity(severity)
                .setRoute(Route.ACCOUNT_MANAGER)
                .setAssignee(manager)
                .setLines(lines.size())
                .setRecommendedAction(action)
                .setEpisodeStart(start)
                .setEventTime(now)
                .setConfigVersion(configVersion);
    }

    /** Per measure at or beyond its threshold (all, once recovered), then the lines named. */
    private static List<Reason> spendReasons(AccountSpend.Judgement judgement) {
        List<Reason> reasons = new ArrayList<>();
        for (AccountSpend.Fall f : judgement.falls()) {
            if (f.share() < f.threshold() && judgement.dropped()) {
                continue;
            }
            reasons.add(
                    Reason.newBuilder()
                            .setCode(f.measure().reasonCode())
                            .setText(
                                    String.format(
                                            Locale.ROOT,
                                            "The account's %s %.2f yuan%s, %+.0f%% against %.2f %s (alert from -%.0f%%)",
                                            f.measure().label().toLowerCase(Locale.ROOT),
                                            f.currentMinor() / 100.0,
                                            f.measure().now(),
                                            -100 * f.share(),
                                            f.referenceMinor() / 100.0,
                                            f.measure().reference(),
                                            100 * f.threshold()))
                            .setMeasured(f.currentMinor() / 100.0)
                            .setThreshold(f.referenceMinor() * (1 - f.threshold()) / 100.0)
                            .setBaseline(f.referenceMinor() / 100.0)
                            .build());
        }
        if (judgement.linesLost() > 0) {
            reasons.add(
                    Reason.newBuilder()
                            .setCode("LINES_LOST")
                            .setText(
                                    String.format(
                                            Locale.ROOT,
                                            "%d of the account's %d lines terminated",
                                            judgement.linesLost(),
                                            judgement.lines()))
                            .setMeasured((double) judgement.linesLost())
                            .build());
        }
        for (String line : judgement.evidence()) {
            reasons.add(Reason.newBuilder().setCode("LINE_SPEND").setText(line).build());
        }
        return reasons;
    }

    /** The line's spend as the account's judgement reads it. */
    static LineSpend spendOf(AccountLine line) {
        List<ServiceSpend> spend = new ArrayList<>();
        for (LineServiceSpend s : line.getSpend()) {
            spend.add(
                    new ServiceSpend(
                            Measure.valueOf(s.getMeasure()),
                            s.getCurrentMinor(),
                            s.getReferenceMinor()));
        }
        return new LineSpend(line.getSubscriberId(), line.getActive(), spend);
    }

    /** The line's update for its account's watch, from its state at event time {@code now}. */
    public static AccountLine lineOf(
            String accountId,
            String subscriberId,
            boolean active,
            List<ServiceSpend> spend,
            Long competitorContactTime,
            String competitor,
            String accountManagerId,
            long now) {
        List<LineServiceSpend> measures = new ArrayList<>();
        for (ServiceSpend s : spend) {
            measures.add(
                    new LineServiceSpend(s.measure().name(), s.currentMinor(), s.referenceMinor()));
        }
        return AccountLine.newBuilder()
                .setAccountId(accountId)
                .setSubscriberId(subscriberId)
                .setEventTime(now)
                .setActive(active)
                .setSpend(measures)
                .setCompetitorContactTime(competitorContactTime)
                .setCompetitor(competitor)
                .setAccountManagerId(accountManagerId)
                .build();
    }
}
