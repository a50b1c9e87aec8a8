package io.pulse.scoring.logic;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.Reason;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.ValueTier;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Builds alert records: deterministic ids, priority from value tier and key-account class, routes. */
public final class AlertFactory {
    private final String modelVersion;
    private final String configVersion;

    public AlertFactory(String modelVersion, String configVersion) {
        this.modelVersion = modelVersion;
        this.configVersion = configVersion;
    }

    /** Same subscriber, type and episode start: same id, so consumers can upsert. */
    public static String alertId(String subscriberId, AlertType type, long episodeStart) {
        String name = subscriberId + '|' + type + '|' + episodeStart;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Alert alert(
            String subscriberId,
            AlertType type,
            AlertStatus status,
            Severity severity,
            Route defaultRoute,
            long episodeStart,
            long eventTime,
            long processingTime,
            List<Reason> reasons,
            String outcome,
            SubscriberProfile profile,
            ScoreSnapshot scores) {
        boolean keyAccount = scores.segment() == Segment.KEY_ACCOUNT;
        return Alert.newBuilder()
                .setAlertId(alertId(subscriberId, type, episodeStart))
                .setType(type)
                .setStatus(status)
                .setSeverity(severity)
                .setPriority(priority(profile, scores))
                .setSubscriberId(subscriberId)
                .setSegment(scores.segment())
                .setValueTier(scores.tier())
                .setLifecycleStage(scores.stage())
                .setChurnProbability(scores.churnProbability())
                .setSatisfaction(scores.satisfaction())
                .setChurnCause(scores.churn().cause())
                .setReasons(reasons)
                .setRecommendedAction(scores.recommendedAction())
                .setRoute(keyAccount ? Route.ACCOUNT_MANAGER : defaultRoute)
                .setAssignee(keyAccount && profile != null ? profile.getAccountManagerId() : null)
                .setOutcome(outcome)
                .setContactAllowed(true)
                .setEpisodeStart(episodeStart)
                .setEventTime(eventTime)
                .setProcessingTime(processingTime)
                .setModelVersion(modelVersion)
                .setConfigVersion(configVersion)
                .build();
    }

    /** 1 (act first) to 4: important key accounts, then key accounts and high tiers, then the rest. */
    static int priority(SubscriberProfile profile, ScoreSnapshot scores) {
        if (scores.segment() == Segment.KEY_ACCOUNT) {
            return profile != null && profile.getKeyAccountClass() == KeyAccountClass.IMPORTANT ? 1 : 2;
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
