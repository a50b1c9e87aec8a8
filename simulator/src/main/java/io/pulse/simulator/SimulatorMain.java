package io.pulse.simulator;

import io.pulse.cli.KafkaOptions;
import io.pulse.cli.Numbers;
import io.pulse.cli.PulseCommandLine;
import io.pulse.kafka.KafkaConnectionCheck;
import io.pulse.schema.codec.WireFormat;
import io.pulse.schema.history.HistoryFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bin/pulse-simulate}: runs a {@link KafkaSimulator} until Ctrl-C, or with {@code --out}
 * writes a history of {@code --days} days to files ({@link HistoryWriter}) and exits. The Kafka
 * options fall back to environment variables as the job's do (PULSE_BOOTSTRAP_SERVERS,
 * PULSE_KAFKA_PROPERTIES).
 */
@Command(
        name = "pulse-simulate",
        mixinStandardHelpOptions = true,
        description =
                "The subscriber simulator: profiles"
                        + " and then events into Kafka until Ctrl-C, from --backfill-days ago and as fast as --rate allows until it"
                        + " reaches the present; or, with --out, a history of --days days in files (profiles, events, its ground"
                        + " truth in truth/, simulation.json), which bin/pulse-model train and bin/pulse-replay read.")
public final class SimulatorMain implements Callable<Integer> {

    static final int DEFAULT_HISTORY_DAYS = 180;

    @Spec private CommandSpec spec;

    @Mixin private KafkaOptions kafka;

    @Option(
            names = "--subscribers",
            paramLabel = "N",
            converter = Numbers.Positive.class,
            defaultValue = "" + SimulatorOptions.DEFAULT_SUBSCRIBERS,
            description = "population size")
    private int subscribers;

    @Option(
            names = "--rate",
            paramLabel = "N",
            converter = Numbers.Positive.class,
            defaultValue = "" + SimulatorOptions.DEFAULT_EVENTS_PER_SECOND,
            description = "at most N events per second")
    private int rate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + SimulatorOptions.DEFAULT_SEED,
            description = "random seed: the same seed, the same subscribers and events")
    private long seed;

    @Option(
            names = "--backfill-days",
            paramLabel = "N",
            converter = Numbers.NonNegative.class,
            defaultValue = "" + SimulatorOptions.DEFAULT_BACKFILL_DAYS,
            description = "start simulated time N days ago, at midnight UTC")
    private int backfillDays;

    @Option(
            names = "--format",
            paramLabel = "avro|json",
            defaultValue = "avro",
            description = "value encoding in Kafka")
    private WireFormat format;

    @Option(
            names = "--events-topic",
            paramLabel = "NAME",
            defaultValue = SimulatorOptions.DEFAULT_EVENTS_TOPIC,
            description = "where events go")
    private String eventsTopic;

    @Option(
            names = "--profiles-topic",
            paramLabel = "NAME",
            defaultValue = SimulatorOptions.DEFAULT_PROFILES_TOPIC,
            description = "where profiles go, before any event")
    private String profilesTopic;

    @Option(
            names = "--monthly-churn",
            paramLabel = "R",
            defaultValue = "" + ChurnPlanner.DEFAULT_MONTHLY_CHURN,
            description = "share of subscribers who leave each month (0 to 0.5)")
    private double monthlyChurn;

    @Option(
            names = "--outages-per-month",
            paramLabel = "R",
            defaultValue = "0",
            description =
                    "regional network outages a month over all regions (0 to "
                            + NetworkOutages.MAX_PER_MONTH
                            + "; 0: none), each cutting off a share of a region's subscribers for hours")
    private double outagesPerMonth;

    @Option(
            names = "--key-account-share",
            paramLabel = "R",
            defaultValue = "" + World.DEFAULT_KEY_ACCOUNT_SHARE,
            description =
                    "share of lines that belong to key accounts (0 to "
                            + World.MAX_KEY_ACCOUNT_SHARE
                            + "), grouped into accounts of "
                            + KeyAccounts.MIN_LINES
                            + " to "
                            + KeyAccounts.MAX_LINES
                            + " lines")
    private double keyAccountShare;

    @Option(
            names = "--account-moves-per-month",
            paramLabel = "R",
            defaultValue = "" + World.DEFAULT_ACCOUNT_MOVES_PER_MONTH,
            description =
                    "share of key accounts that begin moving part of their lines to a competitor in"
                            + " a month (0 to "
                            + World.MAX_ACCOUNT_MOVES_PER_MONTH
                            + ")")
    private double accountMovesPerMonth;

    @Option(
            names = "--truth-dir",
            paramLabel = "DIR",
            description = "write the run's ground truth there (who leaves, when, why; Kafka mode)")
    private Path truthDir;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "write a history to files instead of Kafka, then exit: profiles and events, truth/ (the"
                            + " ground truth), simulation.json")
    private Path out;

    @Option(
            names = "--days",
            paramLabel = "N",
            converter = Numbers.Positive.class,
            defaultValue = "" + DEFAULT_HISTORY_DAYS,
            description = "with --out: days of history")
    private int days;

    @Option(
            names = "--start",
            paramLabel = "YYYY-MM-DD",
            description = "with --out: the first day, midnight UTC (default: --days days ago)")
    private LocalDate start;

    @Option(
            names = "--file-format",
            paramLabel = "avro|json",
            defaultValue = "avro",
            description = "with --out: Avro container files or JSON lines")
    private HistoryFiles.Format fileFormat;

    /** The options of a run that writes files instead of Kafka. */
    record FileMode(Path out, int days, LocalDate start, HistoryFiles.Format format) {}

    /**
     * What the command line asks for: the simulator's options, and files instead of Kafka when
     * {@code fileMode} is set.
     */
    record Invocation(SimulatorOptions options, FileMode fileMode) {}

    public static void main(String[] args) {
        PulseCommandLine.exit(new SimulatorMain(), args);
    }

    /**
     * What these arguments ask for, without running it; the Kafka options fall back to {@code env}.
     */
    static Invocation parse(String[] args, Map<String, String> env) {
        SimulatorMain command = new SimulatorMain();
        PulseCommandLine.of(command).parseArgs(args);
        return command.invocation(env);
    }

    @Override
    public Integer call() {
        Invocation invocation = invocation(System.getenv());
        if (invocation.fileMode() != null) {
            writeHistory(invocation.options(), invocation.fileMode());
            return 0;
        }
        SimulatorOptions options = invocation.options();
        KafkaConnectionCheck.check(
                options.kafka(),
                List.of(options.eventsTopic(), options.profilesTopic()),
                KafkaConnectionCheck.DEFAULT_TIMEOUT);
        KafkaSimulator simulator = new KafkaSimulator(options);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
        simulator.run();
        return 0;
    }

    private Invocation invocation(Map<String, String> env) {
        try {
            SimulatorOptions options =
                    SimulatorOptions.defaults(kafka.settings(env))
                            .withSubscribers(subscribers)
                            .withEventsPerSecond(rate)
                            .withSeed(seed)
                            .withBackfillDays(backfillDays)
                            .withFormat(format)
                            .withEventsTopic(eventsTopic)
                            .withProfilesTopic(profilesTopic)
                            .withWorld(
                                    World.DEFAULT
                                            .withMonthlyChurn(monthlyChurn)
                                            .withOutagesPerMonth(outagesPerMonth)
                                            .withKeyAccountShare(keyAccountShare)
                                            .withAccountMovesPerMonth(accountMovesPerMonth))
                            .withTruthDirectory(truthDir);
            return new Invocation(
                    options, out == null ? null : new FileMode(out, days, start, fileFormat));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private static void writeHistory(SimulatorOptions options, FileMode mode) {
        LocalDate start =
                mode.start() != null
                        ? mode.start()
                        : LocalDate.now(ZoneOffset.UTC).minusDays(mode.days());
        World world = options.world();
        System.out.printf(
                "Simulating %,d subscribers (seed %d, %.1f%% monthly churn%s, %.0f%% key-account lines)"
                        + " for %d days from %s into %s ...%n",
                options.subscribers(),
                options.seed(),
                100 * world.monthlyChurn(),
                world.outagesPerMonth() > 0
                        ? String.format(", %.1f network outages a month", world.outagesPerMonth())
                        : "",
                100 * world.keyAccountShare(),
                mode.days(),
                start,
                mode.out());
        HistoryWriter.Run run =
                HistoryWriter.write(
                        mode.out(),
                        options.subscribers(),
                        options.seed(),
                        start.toEpochDay() * CalendarHour.DAY_MILLIS,
                        mode.days(),
                        world,
                        mode.format());
        System.out.printf(
                "Wrote %,d events; %,d subscribers left in the %d days. Ground truth in %s%n",
                run.events(),
                run.churners(),
                mode.days(),
                mode.out().resolve(HistoryWriter.TRUTH_DIRECTORY));
    }
}
