package io.pulse.scoring.alerts;

import io.pulse.schema.AlertType;
import io.pulse.schema.ChurnCause;
import io.pulse.schema.EventType;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.config.ScoringConfig.CompetitorContact;
import io.pulse.scoring.usage.Days;
import io.pulse.state.OpenEpisode;
import io.pulse.state.SubscriberState;

import java.util.List;

/**
 * COMPETITOR_CONTACT: a competitor approached a subscriber of a configured segment (source: key
 * accounts, "before the fee drops"). A further approach while the episode is open raises it to
 * HIGH; it closes after the configured days without another approach.
 */
final class CompetitorContactRule extends BasicRule {
    static final String NO_FURTHER_CONTACT = "NO_FURTHER_CONTACT";

    private final CompetitorContact config;

    CompetitorContactRule(CompetitorContact config) {
        super(AlertType.COMPETITOR_CONTACT, Route.RETENTION_TEAM, config.action());
        this.config = config;
    }

    @Override
    public long dueTime(SubscriberState state, SubscriberProfile profile, OpenEpisode open) {
        Long last = state.getLastCompetitorContactTime();
        return open == null || last == null ? Long.MAX_VALUE : last + Days.days(config.quietDays());
    }

    @Override
    public Finding evaluate(AlertContext c, OpenEpisode open) {
        if (AlertEngine.isEvent(c, EventType.COMPETITOR_CONTACT)
                && config.segments().contains(c.segment())) {
            Severity severity = open == null ? Severity.MEDIUM : Severity.HIGH;
            String competitor = c.event().getCompetitor();
            return Finding.raise(severity, c.now(), () -> reasons(competitor));
        }
        Long last = c.state().getLastCompetitorContactTime();
        if (open != null && last != null && c.now() >= last + Days.days(config.quietDays())) {
            return Finding.clear(NO_FURTHER_CONTACT, List::of);
        }
        return Finding.hold();
    }

    private List<Reason> reasons(String competitor) {
        Reason reason =
                Reasons.of(
                        "COMPETITOR_APPROACH",
                        null,
                        null,
                        null,
                        "Approached by %s",
                        competitor == null ? "a competitor" : competitor);
        reason.setCause(ChurnCause.COMPETITIVE);
        return List.of(reason);
    }
}
