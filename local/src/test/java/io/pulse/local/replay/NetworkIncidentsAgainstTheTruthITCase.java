package io.pulse.local.replay;

import io.pulse.schema.AlertStatus;
import io.pulse.schema.NetworkIncident;
import io.pulse.schema.history.HistoryFiles;
import io.pulse.scoring.TestEvents;
import io.pulse.scoring.churn.ChurnScorer;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.simulator.GroundTruthFiles;
import io.pulse.simulator.HistoryWriter;
import io.pulse.simulator.NetworkOutage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The areas' watch against the simulated world's planted outages, through the job's topology (the
 * replay): a history of 2,000 subscribers over 70 days with regional outages (a share of a region
 * cut off for hours, some with fault reports and dropped calls around them), next to the world's
 * scattered individual silence. An outage is found when an incident of its region opens while it
 * lasts (or within the two hours after its start that judging an hour takes); an incident is right
 * when it opens during an outage of its region.
 *
 * <p>Measured on this history (seed 11, 6 outages a month): 9 outages after the warm-up, all 9
 * found; 9 incidents, all 9 for an outage (before the subscriber-day signals and the Poisson test
 * of rare counts, one subscriber's burst of dropped calls opened 61 false incidents). The bounds
 * below are floors against regressions, well under those figures: nine outages are few to measure
 * on.
 */
class NetworkIncidentsAgainstTheTruthITCase {
    private static final long START = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;
    private static final int WARM_UP_DAYS = 28;

    @TempDir Path dir;

    @Test
    void incidentsOpenDuringThePlantedOutagesAndRarelyElsewhere() throws Exception {
        Path history = dir.resolve("history");
        HistoryWriter.write(history, 2000, 11, START, 70, 0.02, 6.0, HistoryFiles.Format.AVRO);
        ScoringConfig config = ScoringConfig.load(TestEvents.repoFile("config/scoring.yaml"));
        ReplayRun.Output output =
                ReplayRun.run(
                        history,
                        config,
                        ChurnScorer.loadModels(config),
                        null,
                        "hashmap",
                        dir.resolve("alerts.jsonl"),
                        score -> {},
                        score -> {});
        long judgedFrom = START + WARM_UP_DAYS * 24 * HOUR;
        List<NetworkOutage> outages =
                GroundTruthFiles.readOutages(history.resolve(HistoryWriter.TRUTH_DIRECTORY))
                        .stream()
                        .filter(o -> o.from() >= judgedFrom)
                        .toList();
        List<NetworkIncident> opened =
                output.incidents().stream()
                        .filter(i -> i.getStatus() == AlertStatus.OPEN)
                        .filter(i -> i.getEpisodeStart() >= judgedFrom)
                        .toList();

        long found =
                outages.stream().filter(o -> opened.stream().anyMatch(i -> finds(i, o))).count();
        long right =
                opened.stream().filter(i -> outages.stream().anyMatch(o -> finds(i, o))).count();
        double recall = (double) found / outages.size();
        double precision = opened.isEmpty() ? Double.NaN : (double) right / opened.size();
        System.out.printf(
                "network incidents: %d planted outages after the warm-up, %d found (recall %.2f);"
                        + " %d incidents opened, %d during an outage of their region (precision %.2f)%n",
                outages.size(), found, recall, opened.size(), right, precision);
        outages.forEach(
                o ->
                        System.out.printf(
                                "  %s %s %.1f h, %d cut off: %s%n",
                                o.id(),
                                o.region(),
                                (o.until() - o.from()) / (double) HOUR,
                                o.subscriberIds().size(),
                                opened.stream().anyMatch(i -> finds(i, o)) ? "found" : "missed"));

        opened.stream()
                .filter(i -> outages.stream().noneMatch(o -> finds(i, o)))
                .limit(12)
                .forEach(
                        i ->
                                System.out.printf(
                                        "  not an outage: %s %s %s%n",
                                        i.getArea(),
                                        Instant.ofEpochMilli(i.getEpisodeStart()),
                                        i.getReasons().get(0).getText()));
        assertThat(outages).as("planted outages to judge").hasSizeGreaterThanOrEqualTo(5);
        assertThat(precision).as("incidents during an outage").isGreaterThanOrEqualTo(0.8);
        assertThat(recall).as("outages found").isGreaterThanOrEqualTo(0.5);
    }

    /**
     * The incident opened in the outage's region while it lasted, in the hour after it, or in the
     * three hours before it, when the world's calls start dropping ahead of some outages.
     */
    private static boolean finds(NetworkIncident incident, NetworkOutage outage) {
        return incident.getArea().equals(outage.region())
                && incident.getEpisodeStart() >= outage.from() - 3 * HOUR
                && incident.getEpisodeStart() < outage.until() + HOUR;
    }
}
