package io.pulse.local;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every log line written in this JVM, by any logger at INFO and above, while open: the message and
 * the messages of its exception and causes. For tests of what logs may not contain.
 */
final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final LoggerConfig root = context.getConfiguration().getRootLogger();
    private final Level previousLevel = root.getLevel();
    private final AbstractAppender appender =
            new AbstractAppender("captured-logs", null, null, true, Property.EMPTY_ARRAY) {
                @Override
                public void append(LogEvent event) {
                    StringBuilder line =
                            new StringBuilder(event.getLoggerName())
                                    .append(": ")
                                    .append(event.getMessage().getFormattedMessage());
                    for (Throwable t = event.getThrown();
                            t != null;
                            t = t.getCause() == t ? null : t.getCause()) {
                        line.append(" | ").append(t);
                    }
                    lines.add(line.toString());
                }
            };

    private CapturedLogs() {
        appender.start();
        root.addAppender(appender, Level.INFO, null);
        // the other appenders keep printing what they printed before, no more
        root.getAppenders()
                .forEach(
                        (name, other) -> {
                            if (other != appender) {
                                root.removeAppender(name);
                                root.addAppender(other, previousLevel, null);
                            }
                        });
        root.setLevel(Level.INFO);
        context.updateLoggers();
    }

    static CapturedLogs atInfo() {
        return new CapturedLogs();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        root.getAppenders()
                .forEach(
                        (name, other) -> {
                            root.removeAppender(name);
                            root.addAppender(other, null, null);
                        });
        root.setLevel(previousLevel);
        context.updateLoggers();
        appender.stop();
    }
}
