package io.pulse.scoring.alerts;

import io.pulse.schema.SubscriberProfile;

/**
 * The network incidents known to the alert engine. While one is open in a subscriber's area, its
 * silence, usage-drop and churn-risk episodes are a network fault, not churn: they are raised with
 * the incident's id, without contact and without using up a contact, until the incident ends.
 */
public interface AreaIncidents {
    /** No incidents: nothing is held. */
    AreaIncidents NONE =
            new AreaIncidents() {
                @Override
                public String openAt(SubscriberProfile profile, long time) {
                    return null;
                }

                @Override
                public boolean endedBy(String incidentId, long time) {
                    return true;
                }
            };

    /** The id of an incident of the subscriber's area open at event time {@code time}, or null. */
    String openAt(SubscriberProfile profile, long time);

    /** Whether the incident had ended by event time {@code time}; true for one not known. */
    boolean endedBy(String incidentId, long time);
}
