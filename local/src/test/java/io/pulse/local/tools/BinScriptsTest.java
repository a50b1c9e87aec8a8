package io.pulse.local.tools;

import io.pulse.cli.ToolRun;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command in bin/ is a picocli command of the same make: its name, the standard help, a main.
 */
class BinScriptsTest {

    @Test
    void everyScriptRunsAPicocliCommandOfItsOwnName() throws Exception {
        assertThat(Tools.scripts())
                .extracting(Tools.Script::command)
                .containsExactly(
                        "pulse-acls",
                        "pulse-bench",
                        "pulse-control",
                        "pulse-dead-letters",
                        "pulse-local",
                        "pulse-model",
                        "pulse-replay",
                        "pulse-simulate",
                        "pulse-soak");
        for (Tools.Script script : Tools.scripts()) {
            assertThat(script.file().getFileName().toString())
                    .as("PULSE_COMMAND of %s", script.file())
                    .isEqualTo(script.command());
            assertThat(Files.isExecutable(script.file()))
                    .as(script.file() + " is executable")
                    .isTrue();
            Class<?> main = Class.forName(script.mainClass());
            Command command = main.getAnnotation(Command.class);
            assertThat(command).as(script.mainClass() + " is a picocli @Command").isNotNull();
            assertThat(command.name()).as("the usage names the script").isEqualTo(script.command());
            Method method = main.getMethod("main", String[].class);
            assertThat(Modifier.isStatic(method.getModifiers())).isTrue();
        }
    }

    @Test
    void everyToolAndSubcommandHasTheStandardHelp() {
        for (String mainClass : Tools.mainClasses()) {
            for (CommandLine commandLine : Tools.withSubcommands(Tools.commandLine(mainClass))) {
                assertThat(commandLine.getCommandSpec().optionsMap())
                        .as(commandLine.getCommandName())
                        .containsKeys("-h", "--help");
                assertThat(commandLine.getCommandSpec().optionsMap().get("--help").usageHelp())
                        .isTrue();
            }
            ToolRun help = ToolRun.of(Tools.command(mainClass), "--help");
            assertThat(help.exitCode()).as(mainClass).isZero();
            assertThat(help.out())
                    .as(mainClass)
                    .startsWith("Usage: ")
                    .contains("Options:", "Exit codes:");
        }
    }
}
