package io.pulse.model.history;

import io.pulse.schema.SubscriberEvent;
import io.pulse.schema.SubscriberProfile;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An operator's event history, wherever it is kept: files ({@link FileHistory}) or Kafka topics
 * ({@link KafkaHistory}). Records are checked with the job's own validators; a record the job would
 * dead-letter is left out and counted under its reason, never scored.
 */
public interface History {

    /** Where the history comes from, for reports. */
    String description();

    /** Every valid profile of the history. */
    List<SubscriberProfile> profiles();

    /**
     * Every valid event, in the order the job would read them (event time within each subscriber).
     */
    void forEachEvent(Consumer<SubscriberEvent> action);

    /**
     * Records left out, by the reason the job would give, with counts; filled as the history is
     * read.
     */
    Map<String, Long> rejected();
}
