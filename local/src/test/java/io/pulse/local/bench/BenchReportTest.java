package io.pulse.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape of the results; the numbers are made up for the test. */
class BenchReportTest {
    private static final MachineInfo MACHINE =
            new MachineInfo(2, "Some CPU", 24L << 30, 3L << 30, "17.0.15", "OpenJDK", "Linux");

    private static PipelineRun.Result run(
            String pipeline, double eventsPerSecond, long stateBytes, int subscribers) {
        long events = 1_000_000;
        double seconds = events / eventsPerSecond;
        return new PipelineRun.Result(
                pipeline,
                0,
                0,
                events,
                seconds,
                eventsPerSecond,
                seconds * 1.5,
                eventsPerSecond / 1.5,
                new CheckpointSizes(9, stateBytes, stateBytes - 100, 1000),
                pipeline.equals("full")
                        ? new RocksDbSizes(stateBytes / 2, stateBytes, stateBytes, 0)
                        : null,
                -1,
                Map.of());
    }

    private static BenchResult.Settings settings(String stateBackend) {
        return new BenchResult.Settings(
                List.of("floor-full", "state", "latency", "incidents", "scale"),
                1,
                true,
                3776L << 20,
                stateBackend,
                10_000,
                42,
                2000,
                30,
                1,
                1000,
                90,
                8000,
                20_000,
                "planted",
                2,
                90_000,
                10_000,
                200,
                8000,
                30,
                7,
                5,
                6000,
                List.of(10_000, 10_000_000),
                1_000_000,
                "config/scoring.yaml",
                null);
    }

    private static BenchResult result(String stateBackend) {
        BenchResult.FloorFull floorFull =
                new BenchResult.FloorFull(
                        2000,
                        30,
                        1_000_000,
                        60_000_000,
                        run("floor", 200_000, 234, 2000),
                        run("full", 120_000, 30_000_000, 2000),
                        0.6);
        PipelineRun.Result stateRun = run("full", 20_000, 1000 * 3000L, 1000);
        BenchResult.State state =
                new BenchResult.State(
                        1000,
                        90,
                        2_600_000,
                        stateRun,
                        BenchResult.PerSubscriber.of(stateRun, 1000));
        List<BenchResult.ScalePoint> points = new ArrayList<>();
        for (int subscribers : List.of(10_000, 10_000_000)) {
            PipelineRun.Result full =
                    run(
                            "full",
                            subscribers == 10_000 ? 30_000 : 18_000,
                            subscribers * 500L,
                            subscribers);
            PipelineRun.Result floor = run("floor", 200_000, 234, subscribers);
            points.add(
                    new BenchResult.ScalePoint(
                            subscribers,
                            2,
                            1,
                            subscribers + 1_000_000L,
                            floor,
                            full,
                            full.eventsPerSecond() / floor.eventsPerSecond(),
                            BenchResult.PerSubscriber.of(full, subscribers)));
        }
        BenchResult.Scale scale = BenchResult.Scale.of(points);
        AlertWatcher.Seen uncommitted =
                new AlertWatcher.Seen(
                        "read_uncommitted",
                        3000,
                        2900,
                        2500,
                        Percentiles.of(List.of(20L, 40L, 60L)),
                        Map.of("CHURN_RISK OPEN", 2500L));
        AlertWatcher.Seen committed =
                new AlertWatcher.Seen("read_committed", 3000, 2900, 0, null, Map.of());
        AlertWatcher.Seen accounts =
                new AlertWatcher.Seen(
                        "read_committed",
                        12,
                        9,
                        7,
                        Percentiles.of(List.of(900L, 1100L, 1400L)),
                        Map.of("account COMPETITOR_CONTACT OPEN", 7L));
        AlertLatency.Result latency =
                new AlertLatency.Result(
                        8000,
                        24_000.0,
                        16_000.0,
                        20_000,
                        "planted",
                        6000,
                        2,
                        350_000,
                        200,
                        90,
                        10,
                        720_000,
                        8000,
                        0.4,
                        uncommitted,
                        committed,
                        accounts,
                        CheckpointSizes.NONE);
        IncidentLatency.Result incidents = incidents(0.3);
        BenchResult.Settings settings = settings(stateBackend);
        return new BenchResult(
                "2026-11-26T12:00:00Z",
                600,
                MACHINE,
                settings,
                null,
                floorFull,
                null,
                state,
                latency,
                incidents,
                scale,
                BenchResult.targets(settings, floorFull, state, latency, scale),
                BenchResult.warnings(latency, incidents),
                Map.of());
    }

    private static IncidentLatency.Result incidents(double caughtUpSeconds) {
        return new IncidentLatency.Result(
                8000,
                30,
                7,
                1_500_000,
                "2026-11-23",
                5,
                6000,
                200,
                1_080_000,
                180,
                6000,
                caughtUpSeconds,
                120,
                new AlertWatcher.Seen(
                        "read_uncommitted",
                        40,
                        38,
                        38,
                        Percentiles.of(List.of(210L, 250L, 330L)),
                        Map.of("incident UPDATED", 38L)),
                new AlertWatcher.Seen(
                        "read_committed",
                        40,
                        38,
                        38,
                        Percentiles.of(List.of(410L, 450L, 530L)),
                        Map.of("incident UPDATED", 38L)));
    }

    @Test
    void theJsonHasTheMachineSettingsEveryMeasurementAndTheTargets(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("bench.json");
        BenchReport.writeJson(result("rocksdb"), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());

        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "startedAt",
                        "runSeconds",
                        "machine",
                        "settings",
                        "input",
                        "floorFull",
                        "kafka",
                        "state",
                        "latency",
                        "incidents",
                        "scale",
                        "targets",
                        "warnings",
                        "failures");
        assertThat(json.path("machine").path("cpuModel").asText()).isEqualTo("Some CPU");
        assertThat(json.path("settings").path("checkpointIntervalMs").asLong()).isEqualTo(10_000);
        assertThat(json.path("floorFull").path("full").path("eventsPerSecond").asDouble())
                .isEqualTo(120_000);
        assertThat(json.path("state").path("perSubscriber").path("rocksDbLiveData").asDouble())
                .isEqualTo(1500);
        assertThat(
                        json.path("latency")
                                .path("readUncommitted")
                                .path("latencyMs")
                                .path("p99")
                                .asLong())
                .isEqualTo(60);
        assertThat(json.path("latency").path("readCommitted").path("latencyMs").isNull()).isTrue();
        assertThat(
                        json.path("latency")
                                .path("accountAlerts")
                                .path("latencyMs")
                                .path("p99")
                                .asLong())
                .isEqualTo(1400);
        assertThat(
                        json.path("incidents")
                                .path("readCommitted")
                                .path("latencyMs")
                                .path("p99")
                                .asLong())
                .isEqualTo(530);
        assertThat(json.path("scale").path("largestToSmallest").asDouble()).isEqualTo(0.6);
        assertThat(json.path("kafka").isNull()).isTrue();
        assertThat(json.path("targets")).hasSize(5);
        for (JsonNode target : json.path("targets")) {
            assertThat(target.fieldNames())
                    .toIterable()
                    .containsExactly("name", "goal", "measured", "unit", "status");
        }
    }

    @Test
    void targetsAreJudgedOnWhatWasMeasured() {
        List<BenchResult.Target> targets = result("rocksdb").targets();

        assertThat(targets)
                .extracting(BenchResult.Target::status)
                .containsExactly("not met", "met", "met", "not met", "met");
        assertThat(targets.get(0).measured()).isEqualTo(80_000.0);
        assertThat(targets.get(1).measured()).isEqualTo(0.6);
        assertThat(targets.get(2).measured()).isEqualTo(1500.0);
        assertThat(targets.get(3).measured()).isEqualTo(0.6);
        assertThat(targets.get(4).measured()).isEqualTo(60.0);
    }

    @Test
    void onHeapStateOnlyTheLatencyIsJudged() {
        // the latency part runs the job as deployed, on RocksDB, whatever --state-backend says
        assertThat(result("hashmap").targets())
                .extracting(BenchResult.Target::status)
                .containsExactly(
                        "not measured: heap state backend",
                        "not measured: heap state backend",
                        "not measured: heap state backend",
                        "not measured: heap state backend",
                        "met");
    }

    @Test
    void withoutTheSizesOrTheDaysTheTargetsSayWhy() {
        BenchResult.Settings settings = settings("rocksdb");
        PipelineRun.Result full = run("full", 20_000, 500_000, 1000);
        BenchResult.State thirtyDays =
                new BenchResult.State(
                        1000, 30, 870_000, full, BenchResult.PerSubscriber.of(full, 1000));

        List<BenchResult.Target> targets =
                BenchResult.targets(
                        settings, null, thirtyDays, null, BenchResult.Scale.of(List.of()));

        assertThat(targets)
                .extracting(BenchResult.Target::status)
                .containsExactly(
                        "not measured: part not run",
                        "not measured: part not run",
                        "not measured: fewer than 90 days",
                        "not measured: needs 10k and 10m in --scale",
                        "not measured: part not run");
    }

    @Test
    void markdownTablesInTheReadmeForm() {
        String markdown = BenchReport.markdown(result("rocksdb"));

        assertThat(markdown)
                .contains(
                        "| | floor | full, RocksDB |\n|---|---:|---:|\n| events/s | 200,000 | 120,000 |\n");
        assertThat(markdown).contains("| largest checkpoint (full size) | 2.9 KiB |");
        assertThat(markdown)
                .contains("| in the log (read_uncommitted) | 3 | 40 ms | 60 ms | 60 ms | 60 ms |");
        assertThat(markdown)
                .contains(
                        "| account alerts, committed | 3 | 1,100 ms | 1,400 ms | 1,400 ms | 1,400 ms |");
        assertThat(markdown)
                .contains("| committed (read_committed) | 3 | 450 ms | 530 ms | 530 ms | 530 ms |");
        assertThat(markdown).contains("5 days from 2026-11-23 (120 hours closed)");
        assertThat(markdown).contains("| 10m / 10k | | | 0.60 | | |");
        assertThat(markdown).contains("| target | goal | measured | |\n|---|---:|---:|---|\n");
        assertThat(markdown)
                .contains(
                        "| state per subscriber after 90 days (RocksDB live data) | under 2 KiB | 1.5 KiB | met |");
        assertThat(markdown)
                .contains(
                        "| p99 event to alert at half load, in the log | under 250 ms | 60 ms | met |");
    }

    @Test
    void aJobBehindTheFeedIsWarnedAbout() {
        BenchResult result = result("rocksdb");
        AlertLatency.Result behind =
                new AlertLatency.Result(
                        8000,
                        24_000.0,
                        16_000.0,
                        20_000,
                        "planted",
                        6000,
                        2,
                        350_000,
                        200,
                        90,
                        10,
                        720_000,
                        8000,
                        3.8,
                        result.latency().readUncommitted(),
                        result.latency().readCommitted(),
                        result.latency().accountAlerts(),
                        CheckpointSizes.NONE);

        assertThat(result.warnings()).isEmpty();
        assertThat(BenchResult.warnings(behind, null))
                .singleElement()
                .asString()
                .contains("did not keep up", "3.8 s");
        assertThat(BenchResult.warnings(null, incidents(2.5)))
                .singleElement()
                .asString()
                .contains("incidents: the job did not keep up", "2.5 s");
    }

    @Test
    void consoleTablesAreAligned() {
        String text =
                new Table("", "floor", "full")
                        .row("events/s", "200,000", "9")
                        .row("ratio", "", "0.05")
                        .text();

        assertThat(text.lines())
                .containsExactly(
                        "            floor  full",
                        "events/s  200,000     9",
                        "ratio              0.05");
    }
}
