package io.pulse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The command line of every Pulse tool: picocli, set up the same way for all of them. The same
 * usage help (options in their declared order, with their defaults), the same syntax for durations
 * ({@link DurationConverter}) and whole numbers ({@link Numbers}), case-insensitive enum values,
 * and the same errors and exit codes:
 *
 * <ul>
 *   <li>{@value #USAGE}: an unknown option or a bad value; picocli's message naming the option, and
 *       the usage;
 *   <li>{@value #FAILED}: a failure at run time; a line with the tool's name and what went wrong;
 *   <li>0: done (or what the command returns).
 * </ul>
 */
public final class PulseCommandLine {
    public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private static final String VERSION = "Pulse " + projectVersion();

    private PulseCommandLine() {}

    /** Runs a tool with these arguments and exits the JVM with its exit code. */
    public static void exit(Object command, String... args) {
        System.exit(of(command).execute(args));
    }

    /**
     * The command line of a tool: {@code command} and its subcommands, set up as the class comment
     * says.
     */
    public static CommandLine of(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.registerConverter(Duration.class, new DurationConverter());
        commandLine.registerConverter(Integer.class, new Numbers.AnyInt());
        commandLine.registerConverter(Integer.TYPE, new Numbers.AnyInt());
        commandLine.registerConverter(Long.class, new Numbers.AnyLong());
        commandLine.registerConverter(Long.TYPE, new Numbers.AnyLong());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(PulseCommandLine::execute);
        commandLine.setExecutionExceptionHandler(PulseCommandLine::failed);
        configure(commandLine);
        return commandLine;
    }

    private static void configure(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        usage.width(100)
                .sortOptions(false)
                .showDefaultValues(true)
                .abbreviateSynopsis(true)
                .descriptionHeading(usage.description().length > 0 ? "%n" : "")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n")
                .footerHeading("%n")
                .exitCodeListHeading("%nExit codes:%n");
        if (usage.exitCodeList().isEmpty()) {
            Map<String, String> codes = new LinkedHashMap<>();
            codes.put("0", "done");
            codes.put(Integer.toString(FAILED), "failed at run time (the message says why)");
            codes.put(Integer.toString(USAGE), "an unknown option or a bad value");
            usage.exitCodeList(codes);
        }
        spec.version(VERSION);
        // only where --kafka.<property> can be given: everywhere else picocli refuses unknown
        // options itself
        spec.parser().unmatchedArgumentsAllowed(KafkaOptions.isMixedInto(spec));
        commandLine.getSubcommands().values().forEach(PulseCommandLine::configure);
    }

    private static int execute(ParseResult parseResult) {
        for (CommandLine commandLine : parseResult.asCommandLineList()) {
            if (commandLine.getCommandSpec().parser().unmatchedArgumentsAllowed()) {
                KafkaOptions.properties(commandLine);
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static int failed(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getCommandSpec().root().name() + ": " + message(e));
        if (!explainedByItsMessage(e)) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }

    private static String message(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            return f.getFile()
                    + " ("
                    + e.getClass().getSimpleName()
                    + ")"; // NoSuchFileException: the path alone
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * Bad input, a refused state, I/O, and Pulse's own exceptions say what the user needs in their
     * message; anything else is a bug or a surprise, and its stack trace is printed too.
     */
    private static boolean explainedByItsMessage(Throwable e) {
        return e.getMessage() != null
                && (e instanceof IllegalArgumentException
                        || e instanceof IllegalStateException
                        || e instanceof IOException
                        || e instanceof UncheckedIOException
                        || e.getClass().getName().startsWith("io.pulse."));
    }

    private static String projectVersion() {
        Properties properties = new Properties();
        try (InputStream in = PulseCommandLine.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is only printed
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
