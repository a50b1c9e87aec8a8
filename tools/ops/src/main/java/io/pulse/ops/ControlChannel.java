package io.pulse.ops;

import io.pulse.schema.control.ControlAck;
import io.pulse.scoring.control.ControlArtifact;

import java.time.Duration;
import java.util.List;

/** The control and acknowledgement topics as {@code pulse-control} uses them. */
interface ControlChannel {

    ControlAnswer publish(ControlArtifact artifact, Duration timeout);

    List<ControlAck> answers();
}
