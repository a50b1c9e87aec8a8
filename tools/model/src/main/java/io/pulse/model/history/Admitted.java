package io.pulse.model.history;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;
import io.pulse.scoring.validation.EventValidator;
import io.pulse.scoring.validation.ProfileValidator;

import java.util.Map;
import java.util.TreeMap;

/**
 * The job's record checks for a history: a record its validators refuse is counted under the
 * reason's first words (the field it names), as the job would dead-letter it.
 */
final class Admitted {
    private final EventValidator events = new EventValidator();
    private final ProfileValidator profiles = new ProfileValidator();
    private final Map<String, Long> rejected = new TreeMap<>();
    private final long now = System.currentTimeMillis();

    boolean event(SubscriberEvent event) {
        return valid(events.problem(event, now));
    }

    boolean profile(SubscriberProfile profile) {
        return valid(profiles.problem(profile, now));
    }

    void unreadable(String reason) {
        rejected.merge("unreadable: " + reason, 1L, Long::sum);
    }

    Map<String, Long> rejected() {
        return rejected;
    }

    private boolean valid(String problem) {
        if (problem == null) {
            return true;
        }
        rejected.merge("invalid: " + problem.replaceAll("[-0-9.:TZ]{6,}", "..."), 1L, Long::sum);
        return false;
    }
}
