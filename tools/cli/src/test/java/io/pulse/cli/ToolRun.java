package io.pulse.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A tool run in this JVM through {@link PulseCommandLine}, as its {@code main} runs it: the exit
 * code and what picocli printed (the usage help, the errors and the failure messages).
 */
public record ToolRun(int exitCode, String out, String err) {

    public static ToolRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PulseCommandLine.of(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new ToolRun(exitCode, out.toString(), err.toString());
    }

    /** The first line of what went to standard error: the message, before the usage. */
    public String message() {
        int end = err.indexOf(System.lineSeparator());
        return end < 0 ? err : err.substring(0, end);
    }
}
