package io.github.flinkpack.testing.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Captures every log event of this JVM (all loggers, down to DEBUG) with its stack trace while
 * open, so a test can assert what was, or was never, logged.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CapturingAppender appender;
    private final Level previousRootLevel;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        appender = new CapturingAppender("capture-" + UUID.randomUUID(), lines);
        appender.start();
        LoggerConfig root = config.getRootLogger();
        previousRootLevel = root.getLevel();
        root.addAppender(appender, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        context.updateLoggers();
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    /** Every captured event: level, logger, message and stack trace. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(appender.getName());
        root.setLevel(previousRootLevel);
        context.updateLoggers();
        appender.stop();
    }

    private static final class CapturingAppender extends AbstractAppender {
        private final List<String> sink;

        CapturingAppender(String name, List<String> sink) {
            super(name, null, null, true, Property.EMPTY_ARRAY);
            this.sink = sink;
        }

        @Override
        public void append(LogEvent event) {
            StringBuilder line =
                    new StringBuilder()
                            .append(event.getLevel())
                            .append(' ')
                            .append(event.getLoggerName())
                            .append(' ')
                            .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                StringWriter trace = new StringWriter();
                event.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            sink.add(line.toString());
        }
    }
}
