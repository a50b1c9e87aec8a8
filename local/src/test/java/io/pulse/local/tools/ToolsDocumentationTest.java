package io.pulse.local.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.pulse.scoring.TestEvents.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/tools.md against the tools: each command (subcommands too) has a section under its name that
 * mentions every option it has and no option it has not, and the rest of the page names only
 * options that some tool has.
 */
class ToolsDocumentationTest {
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Pattern OPTION =
            Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*(\\.[a-z<>.]*)?");

    @Test
    void everyToolsSectionMentionsExactlyItsOptions() throws IOException {
        Map<String, String> sections = sections(Files.readString(repoFile("docs/tools.md")));
        for (String mainClass : Tools.mainClasses()) {
            for (CommandLine commandLine : Tools.withSubcommands(Tools.commandLine(mainClass))) {
                String name =
                        commandLine.getParent() == null && mainClass.equals(Tools.STATE_PAYLOAD)
                                ? "StatePayload"
                                : commandLine.getCommandSpec().qualifiedName();
                assertThat(sections).as("a section '%s' in docs/tools.md", name).containsKey(name);
                assertThat(optionsIn(sections.get(name)))
                        .as("the options in the section '%s' of docs/tools.md", name)
                        .isEqualTo(Tools.optionNames(commandLine.getCommandSpec()));
            }
        }
    }

    @Test
    void theRestOfThePageNamesOnlyOptionsThatSomeToolHas() throws IOException {
        Set<String> all = new TreeSet<>();
        for (String mainClass : Tools.mainClasses()) {
            Tools.withSubcommands(Tools.commandLine(mainClass))
                    .forEach(c -> all.addAll(Tools.optionNames(c.getCommandSpec())));
        }
        Set<String> mentioned = new TreeSet<>();
        sections(Files.readString(repoFile("docs/tools.md")))
                .values()
                .forEach(text -> mentioned.addAll(optionsIn(text)));
        assertThat(all).as("options of the tools").containsAll(mentioned);
    }

    /** The text under each heading, up to the next heading, by the heading's text. */
    private static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = HEADING.matcher(markdown);
        String name = null;
        int start = 0;
        while (m.find()) {
            if (name != null) {
                sections.put(name, markdown.substring(start, m.start()));
            }
            name = m.group(1).trim();
            start = m.end();
        }
        if (name != null) {
            sections.put(name, markdown.substring(start));
        }
        return sections;
    }

    /**
     * The options a text names, {@code --kafka.security.protocol} as the form {@code
     * --kafka.<property>}.
     */
    private static Set<String> optionsIn(String text) {
        Set<String> options = new TreeSet<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            String option = m.group();
            options.add(
                    option.startsWith("--kafka.")
                            ? "--kafka.<property>"
                            : option.replaceAll("\\.+$", ""));
        }
        return options;
    }
}
