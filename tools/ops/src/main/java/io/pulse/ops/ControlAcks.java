package io.pulse.ops;

import io.pulse.schema.control.ControlAck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines of {@code pulse-control list}. */
public final class ControlAcks {
    static final String NONE_YET =
            "no version has been published yet; the job scores with the files it was started with";

    private ControlAcks() {}

    /**
     * What {@code list} prints for these answers, oldest first: the versions in force, then the
     * last {@code last} answers.
     */
    public static List<String> lines(List<ControlAck> acks, int last) {
        if (acks.isEmpty()) {
            return List.of(NONE_YET);
        }
        List<ControlAck> shown = acks.subList(Math.max(0, acks.size() - last), acks.size());
        String header =
                shown.size() == acks.size()
                        ? acks.size() + (acks.size() == 1 ? " answer:" : " answers:")
                        : String.format(
                                Locale.ROOT,
                                "the last %d of %d answers (--last N for more):",
                                shown.size(),
                                acks.size());
        List<String> lines = new ArrayList<>();
        lines.add("in force: " + VersionsInForce.of(acks).orElseThrow().describe());
        lines.add(header);
        shown.stream().map(ControlAcks::line).forEach(lines::add);
        return lines;
    }

    /**
     * "2026-12-07T14:37:12.345Z ACCEPTED CHAMPION sim-2026.12-3 by alice@host: already in force".
     */
    public static String line(ControlAck ack) {
        return Instant.ofEpochMilli(ack.getTime())
                + " "
                + ack.getOutcome()
                + " "
                + ack.getSlot()
                + " "
                + ack.getVersion()
                + " by "
                + ack.getPublishedBy()
                + (ack.getReason() == null ? "" : ": " + ack.getReason());
    }

    /** "2m", "1m30s", "500ms", as the duration options are written. */
    static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
