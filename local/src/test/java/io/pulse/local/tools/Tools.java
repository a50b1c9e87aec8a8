package io.pulse.local.tools;

import io.pulse.cli.PulseCommandLine;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.pulse.scoring.TestEvents.repoFile;

/**
 * The project's tools: the command of every script in bin/ (read from the script, as it runs it),
 * and the one tool run through bin/pulse-run directly, each with its picocli command line.
 */
final class Tools {
    /** A tool run as {@code bin/pulse-run local <class>}, with no script of its own. */
    static final String STATE_PAYLOAD = "io.pulse.local.bench.StatePayload";

    private static final Pattern RUN_LINE =
            Pattern.compile(
                    "PULSE_COMMAND=(\\S+) exec \"\\$\\(dirname .*\\)/pulse-run\" (\\S+) (\\S+) \"\\$@\"");

    private Tools() {}

    /** A bin/ script and the main class it runs. */
    record Script(Path file, String command, String module, String mainClass) {}

    /** Every script in bin/ but pulse-run, which runs them. */
    static List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(repoFile("bin"))) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().equals("pulse-run")) {
                    continue;
                }
                Matcher m = RUN_LINE.matcher(Files.readString(file));
                if (!m.find()) {
                    throw new AssertionError(
                            file + " does not run its command through bin/pulse-run");
                }
                scripts.add(new Script(file, m.group(1), m.group(2), m.group(3)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return scripts;
    }

    /** The main class of every tool: the scripts' and {@link #STATE_PAYLOAD}. */
    static List<String> mainClasses() {
        List<String> classes = new ArrayList<>(scripts().stream().map(Script::mainClass).toList());
        classes.add(STATE_PAYLOAD);
        return classes;
    }

    /** A new instance of a tool's main class, as its main makes one. */
    static Object command(String mainClass) {
        try {
            var constructor = Class.forName(mainClass).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(mainClass + " cannot be made without arguments", e);
        }
    }

    /** A tool's command line, as its main builds it. */
    static CommandLine commandLine(String mainClass) {
        return PulseCommandLine.of(command(mainClass));
    }

    /** A command and its subcommands, depth first. */
    static List<CommandLine> withSubcommands(CommandLine commandLine) {
        List<CommandLine> all = new ArrayList<>();
        all.add(commandLine);
        commandLine.getSubcommands().values().forEach(sub -> all.addAll(withSubcommands(sub)));
        return all;
    }

    /** The long names of a command's options, e.g. --rate, --kafka.&lt;property&gt;. */
    static Set<String> optionNames(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
