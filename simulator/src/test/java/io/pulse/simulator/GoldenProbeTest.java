package io.pulse.simulator;

import io.pulse.schema.SubscriberEvent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

class GoldenProbeTest {
    @Test
    void probe() throws Exception {
        long start = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
        SubscriberSimulator simulator =
                new SubscriberSimulator(
                        Integer.getInteger("n", 400),
                        Long.getLong("seed", 23),
                        start,
                        Double.parseDouble(System.getProperty("churn", "0.05")));
        simulator.recordConditions();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long events = 0;
        for (int hour = 0; hour < Integer.getInteger("days", 14) * 24; hour++) {
            for (SubscriberEvent e : simulator.nextHour().events()) {
                digest.update((e.toString() + "\n").getBytes(StandardCharsets.UTF_8));
                events++;
            }
            for (ConditionWindow c : simulator.drainConditions()) {
                digest.update(
                        (c.subscriberId()
                                        + " "
                                        + c.condition()
                                        + " "
                                        + c.from()
                                        + " "
                                        + c.until()
                                        + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        System.out.println("GOLDEN " + events + " " + HexFormat.of().formatHex(digest.digest()));
    }
}
