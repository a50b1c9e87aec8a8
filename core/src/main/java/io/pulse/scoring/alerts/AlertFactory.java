package io.pulse.scoring.alerts;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.KeyAccountSize;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;
import io.pulse.scoring.scores.ScoreSnapshot;
import io.pulse.state.OpenEpisode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Builds alert records from their episodes: deterministic ids, priority from value tier and
 * key-account class, routes, the control group's mark.
 */
public final class AlertFactory {
    private final String modelVersion;
    private final String configVersion;
    private final ControlGroup controlGroup;

    public AlertFactory(String modelVersion, String configVersion, ControlGroup controlGroup) {
        this.modelVersion = modelVersion;
        this.configVersion = configVersion;
        this.controlGroup = controlGroup;
    }

    /**
     * Whether the alert is held out for the control group: a retention team's alert of a member
     * (key accounts' managers and the service routes are never held out).
     */
    boolean heldOut(AlertContext context, AlertRule rule) {
        return route(rule, context.scores().segment() == Segment.KEY_ACCOUNT)
                        == Route.RETENTION_TEAM
                && controlGroup.holds(context.subscriberId());
    }

    /** Same subscriber, type and episode start: same id, so consumers can upsert. */
    public static String alertId(String subscriberId, AlertType type, long episodeStart) {
        String name = subscriberId + '|' + type + '|' + episodeStart;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Alert alert(
            AlertContext context,
            AlertRule rule,
            AlertStatus status,
            OpenEpisode episode,
            List<Reason> reasons,
            String outcome,
            long processingTime) {
        ScoreSnapshot scores = context.scores();
        SubscriberProfile profile = context.profile();
        boolean keyAccount = scores.segment() == Segment.KEY_ACCOUNT;
        String action = rule.action() != null ? rule.action() : scores.recommendedAction();
        return Alert.newBuilder()
                .setAlertId(alertId(context.subscriberId(), rule.type(), episode.getStart()))
                .setType(rule.type())
                .setStatus(status)
                .setSeverity(episode.getSeverity())
                .setPriority(priority(profile, scores))
                .setSubscriberId(context.subscriberId())
                .setSegment(scores.segment())
                .setValueTier(scores.tier())
                .setLifecycleStage(scores.stage())
                .setChurnProbability(scores.churnProbability())
                .setSatisfaction(scores.satisfaction())
                .setChurnCause(scores.churn().cause())
                .setReasons(reasons)
                .setRecommendedAction(action)
                .setRoute(route(rule, keyAccount))
                .setAssignee(keyAccount && profile != null ? profile.getAccountManagerId() : null)
                .setOutcome(outcome)
                .setContactAllowed(episode.getContactAllowed())
                .setControl(heldOut(context, rule))
                .setIncidentId(episode.getIncidentId())
                .setEpisodeStart(episode.getStart())
                .setEventTime(context.now())
                .setProcessingTime(processingTime)
                .setModelVersion(modelVersion)
                .setConfigVersion(configVersion)
                .setKeyAccountSize(scores.keyAccountSize())
                .build();
    }

    /**
     * Key accounts go to their account manager (docs/specification.md, section 5), but for the
     * cases another team acts on: those keep their route, and the manager is told as assignee.
     */
    static Route route(AlertRule rule, boolean keyAccount) {
        return keyAccount && !rule.actedOnByItsTeam() ? Route.ACCOUNT_MANAGER : rule.route();
    }

    /**
     * 1 (act first) to 4: important key accounts and very large ones, then ordinary key accounts
     * and high tiers, then small key accounts, gold tiers and business customers, then the rest.
     */
    static int priority(SubscriberProfile profile, ScoreSnapshot scores) {
        if (scores.segment() == Segment.KEY_ACCOUNT) {
            boolean important =
                    profile != null && profile.getKeyAccountClass() == KeyAccountClass.IMPORTANT;
            if (important || scores.keyAccountSize() == KeyAccountSize.VERY_LARGE) {
                return 1;
            }
            return scores.keyAccountSize() == KeyAccountSize.ORDINARY ? 2 : 3;
        }
        if (scores.tier().compareTo(ValueTier.PLATINUM) >= 0) {
            return 2;
        }
        if (scores.tier().compareTo(ValueTier.GOLD) >= 0 || scores.segment() == Segment.BUSINESS) {
            return 3;
        }
        return 4;
    }
}
