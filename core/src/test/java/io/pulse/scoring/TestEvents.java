package io.pulse.scoring;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.ComplaintCategory;
import io.pulse.schema.CustomerType;
import io.pulse.schema.Direction;
import io.pulse.schema.EventType;
import io.pulse.schema.KeyAccountClass;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.ServiceAction;
import io.pulse.schema.Severity;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Named instants, the shipped configuration and builders of events and profiles for tests. */
public final class TestEvents {
    /** Midnight UTC, the first day of every scenario. */
    public static final long DAY_0 = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();

    public static final long HOUR = 3_600_000L;
    public static final long DAY = 24 * HOUR;

    private TestEvents() {}

    /** config/scoring.yaml as shipped, found from any module's working directory. */
    public static ScoringConfig shippedConfig() {
        return ScoringConfig.load(repoFile("config/scoring.yaml"));
    }

    /**
     * The churn model file the shipped configuration names, checked as the job checks it at start.
     */
    public static ModelArtifact shippedModels() {
        return ChurnScorer.loadModels(shippedConfig());
    }

    /**
     * The shipped configuration, except that every counted event publishes a score, so it can be
     * observed.
     */
    public static ScoringConfig everyScoreConfig() {
        String shipped = shippedConfigText();
        if (!shipped.contains("churn-change: 0.001")) {
            throw new IllegalStateException(
                    "config/scoring.yaml no longer has churn-change: 0.001");
        }
        return ScoringConfig.parse(
                shipped.replace("churn-change: 0.001", "churn-change: 0"), repoFile("config"));
    }

    public static String shippedConfigText() {
        try {
            return Files.readString(repoFile("config/scoring.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path repoFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }

    public static long at(int day, int hour) {
        return DAY_0 + day * DAY + hour * HOUR;
    }

    private static SubscriberEvent.Builder event(
            String id, String subscriber, long time, EventType type) {
        return SubscriberEvent.newBuilder()
                .setEventId(id)
                .setSubscriberId(subscriber)
                .setEventTime(time)
                .setType(type);
    }

    public static SubscriberEvent outgoingCall(
            String id, String subscriber, long time, CallScope scope, int seconds) {
        return event(id, subscriber, time, EventType.VOICE_CALL)
                .setDirection(Direction.OUTGOING)
                .setCallScope(scope)
                .setDurationSec(seconds)
                .setDropped(false)
                .build();
    }

    public static SubscriberEvent incomingCall(
            String id, String subscriber, long time, int seconds) {
        return event(id, subscriber, time, EventType.VOICE_CALL)
                .setDirection(Direction.INCOMING)
                .setCallScope(CallScope.LOCAL)
                .setDurationSec(seconds)
                .build();
    }

    public static SubscriberEvent sms(String id, String subscriber, long time) {
        return event(id, subscriber, time, EventType.SMS).setDirection(Direction.OUTGOING).build();
    }

    public static SubscriberEvent dataSession(String id, String subscriber, long time, long bytes) {
        return event(id, subscriber, time, EventType.DATA_SESSION)
                .setDirection(Direction.OUTGOING)
                .setDataBytes(bytes)
                .build();
    }

    public static SubscriberEvent complaint(
            String id, String subscriber, long time, ComplaintCategory category, int severity) {
        return event(id, subscriber, time, EventType.COMPLAINT)
                .setCategory(category)
                .setSeverity(severity)
                .build();
    }

    public static SubscriberEvent survey(String id, String subscriber, long time, int score) {
        return event(id, subscriber, time, EventType.SURVEY).setSurveyScore(score).build();
    }

    public static SubscriberEvent status(
            String id, String subscriber, long time, SubscriberStatus status) {
        return event(id, subscriber, time, EventType.STATUS_CHANGE).setStatus(status).build();
    }

    public static SubscriberEvent bill(String id, String subscriber, long time, long amountMinor) {
        return event(id, subscriber, time, EventType.BILL)
                .setAmountMinor(amountMinor)
                .setDueTime(time + 20 * DAY)
                .build();
    }

    public static SubscriberEvent careContact(String id, String subscriber, long time) {
        return event(id, subscriber, time, EventType.CARE_CONTACT).build();
    }

    public static SubscriberEvent faultReport(
            String id, String subscriber, long time, Long commitTime) {
        return event(id, subscriber, time, EventType.FAULT_REPORT)
                .setCommitTime(commitTime)
                .build();
    }

    public static SubscriberEvent faultCleared(
            String id, String subscriber, long time, String faultId) {
        return event(id, subscriber, time, EventType.FAULT_CLEARED).setReferenceId(faultId).build();
    }

    public static SubscriberEvent service(
            String id, String subscriber, long time, String code, ServiceAction action) {
        return event(id, subscriber, time, EventType.SERVICE_CHANGE)
                .setServiceCode(code)
                .setAction(action)
                .build();
    }

    /** A SUBSCRIBE or CANCEL with the service's monthly fee (null: the record carries none). */
    public static SubscriberEvent service(
            String id,
            String subscriber,
            long time,
            String code,
            ServiceAction action,
            Long feeMinor) {
        return SubscriberEvent.newBuilder(service(id, subscriber, time, code, action))
                .setAmountMinor(feeMinor)
                .build();
    }

    /**
     * A network incident record of {@code id} ({@code <area>@<start>}, as the areas' watch names
     * them): 140 of the area's usual 200 active subscribers silent.
     */
    public static NetworkIncident incident(
            String id, long start, AlertStatus status, long eventTime) {
        return NetworkIncident.newBuilder()
                .setIncidentId(id)
                .setType(AlertType.NETWORK_INCIDENT)
                .setStatus(status)
                .setSeverity(Severity.HIGH)
                .setRoute(Route.NETWORK_OPERATIONS)
                .setArea(id.substring(0, id.lastIndexOf('@')))
                .setEpisodeStart(start)
                .setEventTime(eventTime)
                .setProcessingTime(0L)
                .setUsualActive(200)
                .setActive(60)
                .setAffectedSubscribers(140)
                .setFaultReports(0)
                .setUsualFaultReports(0)
                .setDroppedCalls(0)
                .setUsualDroppedCalls(0)
                .setReasons(List.of())
                .setRecommendedAction("Dispatch")
                .setConfigVersion("test")
                .build();
    }

    /** An UPGRADE or DOWNGRADE to a plan of {@code feeMinor} a month (null: not carried). */
    public static SubscriberEvent planChange(
            String id, String subscriber, long time, ServiceAction action, Long feeMinor) {
        return event(id, subscriber, time, EventType.PLAN_CHANGE)
                .setAction(action)
                .setServiceCode("P-NEW")
                .setAmountMinor(feeMinor)
                .build();
    }

    public static SubscriberEvent ratedSms(
            String id, String subscriber, long time, long amountMinor) {
        return SubscriberEvent.newBuilder(sms(id, subscriber, time))
                .setAmountMinor(amountMinor)
                .build();
    }

    public static SubscriberEvent ratedDataSession(
            String id, String subscriber, long time, long bytes, long amountMinor) {
        return SubscriberEvent.newBuilder(dataSession(id, subscriber, time, bytes))
                .setAmountMinor(amountMinor)
                .build();
    }

    public static SubscriberEvent payment(
            String id, String subscriber, long time, long amountMinor) {
        return event(id, subscriber, time, EventType.PAYMENT).setAmountMinor(amountMinor).build();
    }

    public static SubscriberEvent droppedCall(
            String id, String subscriber, long time, int seconds) {
        return SubscriberEvent.newBuilder(
                        outgoingCall(id, subscriber, time, CallScope.LOCAL, seconds))
                .setDropped(true)
                .build();
    }

    public static SubscriberEvent competitorContact(
            String id, String subscriber, long time, String competitor) {
        return event(id, subscriber, time, EventType.COMPETITOR_CONTACT)
                .setCompetitor(competitor)
                .build();
    }

    public static SubscriberEvent ratedCall(
            String id, String subscriber, long time, int seconds, long amountMinor) {
        return SubscriberEvent.newBuilder(
                        outgoingCall(id, subscriber, time, CallScope.LOCAL, seconds))
                .setAmountMinor(amountMinor)
                .build();
    }

    public static SubscriberProfile profile(String subscriber, Segment segment, long updatedAt) {
        boolean keyAccount = segment == Segment.KEY_ACCOUNT;
        return SubscriberProfile.newBuilder()
                .setSubscriberId(subscriber)
                .setCustomerType(keyAccount ? CustomerType.BUSINESS : CustomerType.INDIVIDUAL)
                .setSegment(segment)
                .setKeyAccountClass(keyAccount ? KeyAccountClass.IMPORTANT : null)
                .setActivationDate(LocalDate.of(2024, 1, 15))
                .setContractEndDate(null)
                .setPlanCode("P58")
                .setPlanMonthlyFeeMinor(5_800)
                .setAccountManagerId(keyAccount ? "am-7" : null)
                .setRegion("north")
                .setBirthYear(1985)
                .setUpdatedAt(updatedAt)
                .build();
    }
}
