package io.dropnight.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects WARN and ERROR events under a logger name while open: the service logs an exception
 * that escaped a handler ("unexpected error", "internal error") at those levels. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender;

    private LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                    String cause = e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()
                            + ": " + e.getThrowableProxy().getMessage();
                    events.add(e.getLoggerName() + ": " + e.getFormattedMessage() + cause);
                }
            }
        };
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts capturing WARN and above from {@code loggerName} and its children. */
    public static LogCapture warnings(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<String> events() {
        return List.copyOf(events);
    }

    public void clear() {
        events.clear();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
