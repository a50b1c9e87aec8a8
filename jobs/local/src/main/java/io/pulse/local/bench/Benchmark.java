package io.pulse.local.bench;

import io.pulse.local.LocalOptions;
import io.pulse.scoring.PulseJob;
import io.pulse.scoring.config.ScoringConfig;
import io.pulse.scoring.model.ModelArtifact;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] argv) throws Exception {
        BenchOptions options = BenchOptions.parse(argv, LocalOptions.repositoryRoot());
        ScoringConfig config = ScoringConfig.load(options.configPath());
        ModelArtifact models = PulseJob.loadChurnModels(config);
        PipelineRun runner = new PipelineRun(config, models, options.stateBackend(), options.checkpointInterval());
        long start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(options.days() + 2L)).toEpochMilli();
        EncodedEvents events = EncodedEvents.generate(options.subscribers(), options.days(), options.seed(), start);
        System.out.println("events " + events.size());
                System.out.println(runner.run(BenchmarkPipelines.FULL, events.records(), events.profiles()));
        ScaleTraffic traffic = new ScaleTraffic(20000, 10, options.seed(), start);
        System.out.println(runner.run(BenchmarkPipelines.FLOOR, traffic, List.of()));
        System.out.println(runner.run(BenchmarkPipelines.FULL, traffic, List.of()));
        System.exit(0);
    }
}
