package io.pulse.scoring.engine;

import io.pulse.schema.Alert;
import io.pulse.schema.AlertStatus;
import io.pulse.schema.AlertType;
import io.pulse.schema.CallScope;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.Route;
import io.pulse.schema.Segment;
import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.incidents.KnownIncidents;
import io.pulse.scoring.usage.SealedDays;
import io.pulse.state.SubscriberState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.pulse.scoring.TestEvents.DAY;
import static io.pulse.scoring.TestEvents.DAY_0;
import static io.pulse.scoring.TestEvents.HOUR;
import static io.pulse.scoring.TestEvents.at;
import static io.pulse.scoring.TestEvents.outgoingCall;
import static io.pulse.scoring.TestEvents.profile;
import static io.pulse.scoring.TestEvents.shippedConfig;
import static io.pulse.scoring.TestEvents.shippedModels;
import static io.pulse.scoring.TestEvents.sms;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A network incident of the subscriber's area holds its silence back from the retention team: the
 * episode names the incident, contacts no one and uses up no contact; once the incident has ended,
 * a silence that goes on is treated as usual. Subscribers of other areas, and silences that fall
 * due before the watch opened the incident, are raised as usual.
 */
class IncidentHoldingTest {
    private static final String NORTH_INCIDENT = "north@" + at(6, 0);

    private final KnownIncidents incidents = new KnownIncidents();
    private final SubscriberScorer scorer =
            new SubscriberScorer(shippedConfig(), shippedModels(), null, incidents);

    /** One subscriber's state through the scorer, as the job keeps it. */
    private final class Line {
        final String id;
        final SubscriberProfile profile;
        final SealedDays history = new SealedDays();
        SubscriberState state;

        Line(String id, String region) {
            this(id, region, null);
        }

        Line(String id, String region, String homeCell) {
            this.id = id;
            this.profile =
                    SubscriberProfile.newBuilder(profile(id, Segment.MASS, DAY_0))
                            .setRegion(region)
                            .setCellId(homeCell)
                            .build();
        }

        List<Alert> send(SubscriberEvent event) {
            Outcome outcome = scorer.onEvent(id, state, profile, event, history, 0L);
            state = outcome.state();
            return outcome.alerts();
        }

        /** Fires the line's timer until event time {@code until}; the alerts on the way. */
        List<Alert> fireUntil(long until) {
            List<Alert> alerts = new ArrayList<>();
            while (state.getWakeUpTime() != 0 && state.getWakeUpTime() <= until) {
                Outcome outcome = scorer.onTimer(id, state, profile, state.getWakeUpTime(), 0L);
                state = outcome.state();
                alerts.addAll(outcome.alerts());
            }
            return alerts;
        }
    }

    @Test
    void aSilenceDuringAnIncidentIsHeldAndTreatedAsUsualOnceTheIncidentEnds() {
        Line line = new Line("sub-1", "north");
        line.send(outgoingCall("c1", line.id, at(0, 9), CallScope.LOCAL, 60));
        incidents.record(incident(AlertStatus.OPEN, at(6, 1)));

        List<Alert> raised = line.fireUntil(at(0, 9) + 7 * DAY);
        assertThat(raised)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getType()).isEqualTo(AlertType.ZERO_ACTIVITY);
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.getIncidentId()).isEqualTo(NORTH_INCIDENT);
                            assertThat(a.getContactAllowed()).isFalse();
                            assertThat(a.getReasons())
                                    .extracting(r -> r.getCode())
                                    .contains("NETWORK_INCIDENT");
                        });
        assertThat(line.state.getContactTimes()).as("no contact used up").isEmpty();
        assertThat(line.state.getWakeUpTime())
                .as("looked at again within the hour")
                .isEqualTo(at(7, 10));

        incidents.record(incident(AlertStatus.UPDATED, at(7, 20)));
        assertThat(line.fireUntil(at(8, 2))).as("still in the incident").isEmpty();

        incidents.record(incident(AlertStatus.RESOLVED, at(8, 3)));
        List<Alert> released = line.fireUntil(at(8, 3));
        assertThat(released)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
                            assertThat(a.getAlertId()).isEqualTo(raised.get(0).getAlertId());
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                            assertThat(a.getRoute()).isEqualTo(Route.RETENTION_TEAM);
                            assertThat(a.getEventTime()).isEqualTo(at(8, 3));
                            assertThat(a.getReasons().get(0).getCode())
                                    .isEqualTo("NETWORK_INCIDENT_ENDED");
                        });
        assertThat(line.state.getContactTimes()).containsExactly(at(8, 3));
        assertThat(line.fireUntil(at(9, 0))).as("nothing held any more").isEmpty();
    }

    @Test
    void aHeldSilenceThatEndsInTheIncidentIsResolvedWithoutAnyContact() {
        Line line = new Line("sub-1", "north");
        line.send(outgoingCall("c1", line.id, at(0, 9), CallScope.LOCAL, 60));
        incidents.record(incident(AlertStatus.OPEN, at(6, 1)));
        line.fireUntil(at(7, 9));

        List<Alert> resumed = line.send(sms("s1", line.id, at(7, 15)));
        assertThat(resumed)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                            assertThat(a.getIncidentId()).isEqualTo(NORTH_INCIDENT);
                            assertThat(a.getContactAllowed()).isFalse();
                            assertThat(a.getOutcome()).isEqualTo("ACTIVITY_RESUMED");
                        });
        incidents.record(incident(AlertStatus.RESOLVED, at(8, 3)));
        assertThat(line.fireUntil(at(9, 0))).isEmpty();
        assertThat(line.state.getContactTimes()).isEmpty();
    }

    @Test
    void otherAreasAndSilencesDueBeforeTheIncidentWasOpenedAreRaisedAsUsual() {
        Line south = new Line("sub-2", "south");
        Line early = new Line("sub-3", "north");
        south.send(outgoingCall("c1", south.id, at(0, 9), CallScope.LOCAL, 60));
        // due at 06:30 of day 7, in the incident's first hour, before the watch judged that hour
        early.send(outgoingCall("c2", early.id, at(0, 6) + HOUR / 2, CallScope.LOCAL, 60));
        incidents.record(
                TestEvents.incident("north@" + at(7, 6), at(7, 6), AlertStatus.OPEN, at(7, 7)));

        assertThat(south.fireUntil(at(8, 0)))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                        });
        assertThat(early.fireUntil(at(8, 0)))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.getIncidentId()).isNull();
                            assertThat(a.getContactAllowed()).isTrue();
                        });
    }

    /** A cell's incident holds the subscribers at home in that cell, not the rest of the region. */
    @Test
    void aCellsIncidentHoldsTheSubscribersAtHomeInTheCell() {
        Line inTheCell = new Line("sub-4", "north", "n-7");
        Line elsewhere = new Line("sub-5", "north", "n-9");
        inTheCell.send(outgoingCall("c1", inTheCell.id, at(0, 9), CallScope.LOCAL, 60));
        elsewhere.send(outgoingCall("c2", elsewhere.id, at(0, 9), CallScope.LOCAL, 60));
        incidents.record(
                TestEvents.incident("north/n-7@" + at(6, 0), at(6, 0), AlertStatus.OPEN, at(6, 1)));

        assertThat(inTheCell.fireUntil(at(8, 0)))
                .singleElement()
                .satisfies(a -> assertThat(a.getIncidentId()).isEqualTo("north/n-7@" + at(6, 0)));
        assertThat(elsewhere.fireUntil(at(8, 0)))
                .singleElement()
                .satisfies(a -> assertThat(a.getIncidentId()).isNull());
    }

    @Test
    void resolvedIncidentsAreForgottenAWeekOfIncidentTimeAfterTheyEnd() {
        incidents.record(incident(AlertStatus.OPEN, at(6, 1)));
        incidents.record(incident(AlertStatus.RESOLVED, at(8, 3)));
        assertThat(incidents.latest(NORTH_INCIDENT).getStatus()).isEqualTo(AlertStatus.RESOLVED);
        // an older record arriving late does not reopen it
        incidents.record(incident(AlertStatus.UPDATED, at(7, 3)));
        assertThat(incidents.endedBy(NORTH_INCIDENT, at(8, 3))).isTrue();
        assertThat(incidents.endedBy(NORTH_INCIDENT, at(8, 2))).isFalse();

        List<String> forgotten =
                incidents.record(
                        TestEvents.incident(
                                "south@" + at(15, 0), at(15, 0), AlertStatus.OPEN, at(15, 3)));
        assertThat(forgotten).containsExactly(NORTH_INCIDENT);
        assertThat(incidents.latest(NORTH_INCIDENT)).isNull();
        assertThat(incidents.endedBy(NORTH_INCIDENT, at(9, 0))).as("unknown: ended").isTrue();
    }

    private static NetworkIncident incident(AlertStatus status, long eventTime) {
        return TestEvents.incident(NORTH_INCIDENT, at(6, 0), status, eventTime);
    }
}
