package io.dropnight.simulations.watch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

import java.util.Objects;
import java.util.Optional;

/**
 * Hands {@link TransportErrors} the error of every request that got no response, as Gatling itself
 * reports it. Gatling's HTTP listener, on a transport error (connect failure, request timeout,
 * connection closed), logs "Request '...' failed for user N" with the {@link Throwable} at DEBUG on
 * its logger {@value #GATLING_LISTENER}, after asking whether DEBUG is enabled there. This logback
 * turbo filter answers yes to that one logger's DEBUG question, takes the throwable from the call
 * that follows, counts it and drops the line, unless that logger is configured at DEBUG anyway:
 * nothing is printed, no logging event is built, and only failed requests pay (an error response,
 * such as a 503, never reaches that logger).
 *
 * <p>Checked against Gatling 3.15 ({@code io.gatling.http.engine.GatlingHttpListener#onThrowable}).
 * Thread-safe: logback calls it from Gatling's event loops.
 */
public final class TransportErrorFilter extends TurboFilter {
    /** scala-logging's logger of Gatling's HTTP listener (the Scala object's class name). */
    static final String GATLING_LISTENER = "io.gatling.http.engine.GatlingHttpListener$";

    private final TransportErrors errors;
    private final Logger listener;
    private final LoggerContext context;

    private TransportErrorFilter(LoggerContext context, TransportErrors errors) {
        this.context = context;
        this.errors = Objects.requireNonNull(errors, "errors");
        this.listener = context.getLogger(GATLING_LISTENER);
        setName("dropnight-transport-errors");
    }

    /**
     * Registers a filter that counts into {@code errors}; empty (and nothing registered) when SLF4J
     * is not bound to logback, where the errors cannot be seen.
     */
    public static Optional<TransportErrorFilter> install(TransportErrors errors) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return Optional.empty();
        }
        TransportErrorFilter f = new TransportErrorFilter(context, errors);
        // Link the classification now: at its first real use the process may be out of descriptors.
        TransportErrors.classify(new java.net.ConnectException("warm-up"));
        f.start();
        context.addTurboFilter(f);
        return Optional.of(f);
    }

    /** Unregisters the filter. */
    public void uninstall() {
        context.getTurboFilterList().remove(this);
        stop();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger != listener || level != Level.DEBUG) {
            return FilterReply.NEUTRAL;
        }
        if (format == null && t == null) {
            return FilterReply.ACCEPT; // the isDebugEnabled() before the line: yes, so that the line comes
        }
        if (t != null) {
            try {
                errors.count(t);
            } catch (RuntimeException | LinkageError e) {
                // Never into Gatling's failure handling: the request would not be completed.
                errors.countUnclassified();
            }
        }
        return listener.getEffectiveLevel().isGreaterOrEqual(Level.INFO) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
