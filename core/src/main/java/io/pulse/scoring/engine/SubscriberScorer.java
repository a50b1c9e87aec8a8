package io.pulse.scoring.engine;

import io.pulse.schema.ChallengerScore;
import io.pulse.schema.EventType;
import io.pulse.schema.LifecycleStage;
import io.pulse.schema.ScoreUpdate;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.schema.SubscriberStatus;
import io.pulse.scoring.accounts.AccountWatch;
import io.pulse.scoring.alerts.AlertContext;
import io.pulse.scoring.alerts.AlertEngine;
import io.pulse.scoring.alerts.AlertFactory;
import io.pulse.scoring.alerts.AreaIncidents;
import io.pulse.scoring.alerts.ControlGroup;
import io.pulse.scoring.churn.ChurnAssessment;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.incidents.AreaSignals;
import io.pulse.scoring.model.ModelArtifact;
import io.pulse.scoring.scores.LifecycleClassifier;
import io.pulse.scoring.scores.ScoreSnapshot;
import io.pulse.scoring.scores.ValueTiers;
import io.pulse.scoring.usage.Days;
import io.pulse.scoring.usage.ServiceSpend;
import io.pulse.scoring.usage.SubscriberFacts;
import io.pulse.scoring.usage.SubscriberHistory;
import io.pulse.scoring.validation.DeadLetters;
import io.pulse.state.AccountLine;
import io.pulse.state.EmittedScore;
import io.pulse.state.SubscriberState;

import java.time.Instant;
import java.util.Locale;

/**
 * Scores one subscriber: applies an event to the rolling state, recomputes churn probability,
 * satisfaction, lifecycle stage and value tier, emits a score update when they changed, and runs
 * the alert rules. Plain Java: the Flink function around it only loads and stores state and carries
 * out the timer requests in {@link Outcome}.
 *
 * <p>Each subscriber has at most one event-time timer, the earliest moment something can become due
 * (a silence threshold, the end of the state's lifetime). It is moved earlier when needed and
 * otherwise left to fire and be re-armed, so ordinary events cost no timer operations.
 */
public final class SubscriberScorer {
    private final ScoringConfig config;
    private final SubscriberStateUpdater updater;
    private final ChurnScorer churn;
    private final ChurnScorer challenger; // or null
    private final LifecycleClassifier lifecycle;
    private final ValueTiers tiers;
    private final AlertEngine alerts;
    private final EventAdmission admission;
    private final long allowedLatenessMillis;
    private final long dedupHorizonMillis;
    private final long idleTtlMillis;

    public SubscriberScorer(ScoringConfig config, ModelArtifact churnModels) {
        this(config, churnModels, null, AreaIncidents.NONE);
    }

    /**
     * A scorer whose outputs also carry the {@code challenger} model's probability, scored in
     * shadow: it never takes part in alerts. {@code challenger} may be null: none. The silence and
     * decline of subscribers of an area in a network incident of {@code incidents} are held back
     * from contact.
     */
    public SubscriberScorer(
            ScoringConfig config,
            ModelArtifact churnModels,
            ModelArtifact challenger,
            AreaIncidents incidents) {
        this(config, ChurnScorer.keepingSplitSides(config, churnModels), challenger, incidents);
    }

    /**
     * A scorer that walks every tree of the churn models on every event, instead of only when a
     * feature crossed a split point: the same outputs, bit for bit, more slowly. What the job's
     * scorer is held to ({@code SplitSidesReplayTest}).
     */
    public static SubscriberScorer evaluatingEveryModel(
            ScoringConfig config, ModelArtifact churnModels) {
        return new SubscriberScorer(
                config, new ChurnScorer(config, churnModels), null, AreaIncidents.NONE);
    }

    private SubscriberScorer(
            ScoringConfig config,
            ChurnScorer churn,
            ModelArtifact challenger,
            AreaIncidents incidents) {
        this.config = config;
        this.updater = new SubscriberStateUpdater(config);
        this.churn = churn;
        this.challenger = challenger == null ? null : new ChurnScorer(config, challenger);
        this.lifecycle = new LifecycleClassifier(config.lifecycle());
        this.tiers =
                new ValueTiers(config.valueTierFloorsYuan(), config.keyAccountSizeFloorsYuan());
        this.alerts =
                new AlertEngine(
                        config,
                        churn.threshold(),
                        new AlertFactory(
                                churn.modelVersion(),
                                config.version(),
                                new ControlGroup(config.alerts().controlGroup())),
                        incidents);
        this.admission = new EventAdmission(config);
        this.allowedLatenessMillis = config.time().allowedLatenessHours() * Days.MILLIS_PER_HOUR;
        this.dedupHorizonMillis = config.state().dedupHorizonHours() * Days.MILLIS_PER_HOUR;
        this.idleTtlMillis = Days.days(config.state().idleSubscriberTtlDays());
    }

    public Outcome onEvent(
            String subscriberId,
            SubscriberState stored,
            SubscriberProfile profile,
            SubscriberEvent event,
            SubscriberHistory history,
            long processingTime) {
        SubscriberState state = stored != null ? stored : SubscriberStateUpdater.newState(event);
        long time = event.getEventTime();
        EventAdmission.Verdict verdict = admission.admit(state, event);
        switch (verdict) {
            case LATE:
                return Outcome.rejected(
                        stored, DeadLetters.LATE, admission.detail(verdict, state, event));
            case FLOOD:
                return Outcome.rejected(
                        stored, DeadLetters.FLOOD, admission.detail(verdict, state, event));
            case DUPLICATE:
                return Outcome.duplicate(stored);
            default:
                break;
        }
        Outcome outcome = new Outcome(state);
        // Things may have fallen due before this record (a silence, an overdue repair): say so
        // first.
        alerts.catchUp(
                subscriberId,
                state,
                profile,
                time,
                due -> snapshotAt(state, profile, due),
                processingTime,
                outcome.alerts());
        long previousActivity = stored != null ? stored.getLastActivityTime() : Long.MIN_VALUE;
        int previousDay = stored != null ? stored.getCurrentDay() : Integer.MIN_VALUE;
        admission.apply(state, event, profile, history);
        outcome.accountLine(accountLine(subscriberId, state, profile, event, previousDay));
        outcome.signals(AreaSignals.of(profile, previousActivity, event, state.getToday()));

        // Scores are as of the subscriber's latest event: they depend on its events alone. The
        // rules
        // judge at the latest time the subscriber is known at (that event, or a due time a timer
        // evaluated since), not at the event's own time: a record arriving out of order must not
        // make them look back (a repair not yet overdue, a contract window not yet open) and close
        // or reopen episodes.
        ScoreSnapshot scores = snapshotAt(state, profile, state.getLastActivityTime());
        alerts.afterEvent(
                new AlertContext(subscriberId, state, profile, scores, knownUntil(state), event),
                processingTime,
                outcome.alerts());
        outcome.score(scoreIfChanged(subscriberId, state, profile, scores, time, processingTime));
        armTimer(state, profile, outcome);
        return outcome;
    }

    /**
     * What the line tells its account's watch after {@code event}, or null: the line has no
     * account, or the event is not its first of a day, its termination or a competitor's approach.
     */
    private static AccountLine accountLine(
            String subscriberId,
            SubscriberState state,
            SubscriberProfile profile,
            SubscriberEvent event,
            int previousDay) {
        if (profile == null || profile.getAccountId() == null) {
            return null;
        }
        boolean approach = event.getType() == EventType.COMPETITOR_CONTACT;
        boolean terminated =
                event.getType() == EventType.STATUS_CHANGE
                        && state.getStatus() == SubscriberStatus.TERMINATED;
        if (!approach && !terminated && state.getCurrentDay() == previousDay) {
            return null;
        }
        long now = event.getEventTime();
        return AccountWatch.lineOf(
                profile.getAccountId(),
                subscriberId,
                state.getStatus() != SubscriberStatus.TERMINATED,
                ServiceSpend.of(state, profile, now),
                state.getLastCompetitorContactTime(),
                approach ? event.getCompetitor() : null,
                profile.getAccountManagerId(),
                now);
    }

    /**
     * An event for a line whose state was removed after its termination at {@code terminatedAt}:
     * rejected as {@code TERMINATED}, so a ported-out line raises nothing again; or null when the
     * event brings the line back (a later {@code STATUS_CHANGE} to {@code ACTIVE}), which then
     * starts afresh.
     */
    public Outcome afterTermination(SubscriberEvent event, long terminatedAt) {
        if (event.getType() == EventType.STATUS_CHANGE
                && event.getStatus() == SubscriberStatus.ACTIVE
                && event.getEventTime() > terminatedAt) {
            return null;
        }
        return Outcome.rejected(
                null,
                DeadLetters.TERMINATED,
                String.format(
                        Locale.ROOT,
                        "%s after the line was terminated on %s (its state is removed; a STATUS_CHANGE to ACTIVE brings it back)",
                        event.getType(),
                        Instant.ofEpochMilli(terminatedAt)));
    }

    /**
     * How long a terminated line is remembered once its state is removed: the retention horizon.
     */
    public long terminationMemoryMillis() {
        return Days.days(config.state().retentionDays());
    }

    /**
     * When an entry that holds only a profile leaves the state, given the event time its profile
     * was last seen at: after the idle TTL, as a subscriber's with no event since.
     */
    public long profileOnlyExpiry(long profileSeenAt) {
        return profileSeenAt + idleTtlMillis;
    }

    /** The subscriber's timer fired at event time {@code timestamp}. */
    public Outcome onTimer(
            String subscriberId,
            SubscriberState state,
            SubscriberProfile profile,
            long timestamp,
            long processingTime) {
        Outcome outcome = new Outcome(state);
        if (state == null || timestamp != state.getWakeUpTime()) {
            return outcome;
        }
        state.setWakeUpTime(0L);
        if (expired(state, timestamp)) {
            outcome.clearState();
            return outcome;
        }
        alerts.catchUp(
                subscriberId,
                state,
                profile,
                timestamp,
                due -> snapshotAt(state, profile, due),
                processingTime,
                outcome.alerts());
        armTimer(state, profile, outcome);
        return outcome;
    }

    /**
     * The subscriber's timer fired because event time jumped to its end: the input ended, or the
     * job is being stopped with {@code --drain}. That is not time passing: judged as such, every
     * silence would be raised and every subscriber's state would expire. The timer is let go
     * without evaluating anything; the subscriber's next event arms a new one.
     */
    public Outcome onEndOfTime(SubscriberState state, long timestamp) {
        Outcome outcome = new Outcome(state);
        if (state != null && timestamp == state.getWakeUpTime()) {
            state.setWakeUpTime(0L);
        }
        return outcome;
    }

    /**
     * A new or changed profile: the segment, plan and contract it brings may change the scores (a
     * key account's baseline, its value tier) and the silence threshold. A subscriber whose events
     * arrived before its first profile was scored with defaults until now; the score published here
     * corrects that.
     */
    public Outcome onProfile(
            String subscriberId,
            SubscriberState state,
            SubscriberProfile profile,
            long processingTime) {
        Outcome outcome = new Outcome(state);
        if (state != null) {
            long now = state.getLastActivityTime();
            outcome.score(
                    scoreIfChanged(
                            subscriberId,
                            state,
                            profile,
                            snapshotAt(state, profile, now),
                            now,
                            processingTime));
            armTimer(state, profile, outcome);
        }
        return outcome;
    }

    /**
     * The latest time the subscriber is known at: its latest event, or a due time a timer evaluated
     * since.
     */
    private static long knownUntil(SubscriberState state) {
        return Math.max(state.getLastActivityTime(), state.getAlertsEvaluatedUntil());
    }

    private ScoreSnapshot snapshotAt(SubscriberState state, SubscriberProfile profile, long now) {
        Segment segment = segment(profile);
        double satisfactionScore = updater.satisfaction(state, profile, now);
        LifecycleStage stage = lifecycle.stage(profile, state, now);
        return new ScoreSnapshot(
                segment,
                churn.assess(state, profile, satisfactionScore, now),
                satisfactionScore,
                stage,
                tiers.tier(profile, state),
                tiers.keyAccountSize(segment, profile, state),
                config.playbook().get(stage));
    }

    private ScoreUpdate scoreIfChanged(
            String subscriberId,
            SubscriberState state,
            SubscriberProfile profile,
            ScoreSnapshot scores,
            long eventTime,
            long processingTime) {
        EmittedScore last = state.getEmitted();
        boolean changed =
                last == null
                        || Math.abs(last.getChurnProbability() - scores.churnProbability())
                                >= config.scores().churnChange()
                        || Math.abs(last.getSatisfaction() - scores.satisfaction())
                                >= config.scores().satisfactionChange()
                        || last.getLifecycleStage() != scores.stage()
                        || last.getValueTier() != scores.tier();
        if (!changed) {
            return null;
        }
        state.setEmitted(
                new EmittedScore(
                        scores.churnProbability(),
                        scores.satisfaction(),
                        scores.stage(),
                        scores.tier()));
        return ScoreUpdate.newBuilder()
                .setSubscriberId(subscriberId)
                .setEventTime(eventTime)
                .setProcessingTime(processingTime)
                .setChurnProbability(scores.churnProbability())
                .setSatisfaction(scores.satisfaction())
                .setSegment(scores.segment())
                .setLifecycleStage(scores.stage())
                .setValueTier(scores.tier())
                .setChurnFlagged(scores.churn().flagged())
                .setChurnCause(scores.churn().cause())
                .setModelScores(scores.churn().modelScores())
                .setReasons(scores.churn().reasons())
                .setRecommendedAction(scores.recommendedAction())
                .setModelVersion(churn.modelVersion())
                .setConfigVersion(config.version())
                .setKeyAccountSize(scores.keyAccountSize())
                .setChallenger(challengerScore(state, profile, scores.satisfaction()))
                .build();
    }

    /**
     * The challenger's view of the same subscriber at the same moment, computed only for a score
     * that is published: the champion decides when one is. Null without a challenger.
     */
    private ChallengerScore challengerScore(
            SubscriberState state, SubscriberProfile profile, double satisfaction) {
        if (challenger == null) {
            return null;
        }
        ChurnAssessment assessment =
                challenger.assess(state, profile, satisfaction, state.getLastActivityTime());
        return new ChallengerScore(
                challenger.modelVersion(), assessment.probability(), assessment.flagged());
    }

    /** Moves the subscriber's one timer earlier when something falls due before it. */
    private void armTimer(SubscriberState state, SubscriberProfile profile, Outcome outcome) {
        long due = Math.min(expiryTime(state), alerts.nextDue(state, profile));
        long armed = state.getWakeUpTime();
        if (armed == 0 || due < armed) {
            state.setWakeUpTime(due);
            outcome.timers(due, armed);
        }
    }

    /**
     * When the subscriber leaves the state: after the idle TTL, or, once terminated, as soon as
     * late and re-sent records can no longer arrive and no unpaid debt is left open.
     */
    private long expiryTime(SubscriberState state) {
        if (state.getStatus() == SubscriberStatus.TERMINATED && alerts.holdsTerminated(state)) {
            return Long.MAX_VALUE; // a debt outlives the line: kept until paid or written off
        }
        long keep =
                state.getStatus() == SubscriberStatus.TERMINATED
                        ? Math.max(allowedLatenessMillis, dedupHorizonMillis)
                        : idleTtlMillis;
        return state.getLastActivityTime() + keep;
    }

    private boolean expired(SubscriberState state, long now) {
        return now >= expiryTime(state);
    }

    private static Segment segment(SubscriberProfile profile) {
        return SubscriberFacts.segment(profile);
    }
}
