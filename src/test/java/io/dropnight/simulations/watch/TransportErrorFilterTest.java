package io.dropnight.simulations.watch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter sees Gatling's report of a failed request without printing it. The calls here are the
 * ones Gatling 3.15's HTTP listener makes on a transport error (isDebugEnabled, then debug with the
 * throwable); that Gatling still makes them is checked on its class, and that the errors of a real
 * night arrive is checked by ServiceKilledMidRunTest and InconclusiveInjectorTest.
 */
class TransportErrorFilterTest {
    @Test
    void gatlingsFailedRequestIsCountedAndNotPrinted() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger listener = ctx.getLogger(TransportErrorFilter.GATLING_LISTENER);
        Logger other = ctx.getLogger("io.dropnight.simulations.watch.Elsewhere");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(seen);
        TransportErrors errors = new TransportErrors();
        TransportErrorFilter filter = TransportErrorFilter.install(errors).orElseThrow();
        try {
            assertTrue(listener.getEffectiveLevel().isGreaterOrEqual(Level.INFO), "Gatling's listener is not configured at DEBUG");
            assertTrue(listener.isDebugEnabled(), "the filter asks Gatling for the line");
            listener.debug("Request 'home' failed for user 7", new ConnectException("Connection refused"));
            listener.debug("Request 'home' failed for user 8", new IOException("Cannot assign requested address"));
            assertEquals(1, errors.count(TransportErrors.Kind.CONNECT_REFUSED));
            assertEquals(1, errors.count(TransportErrors.Kind.EPHEMERAL_PORTS));
            assertTrue(seen.list.isEmpty(), "counted, not printed: " + seen.list);
            assertFalse(other.isDebugEnabled(), "no other logger's DEBUG is turned on");
            other.error("kept");
            assertEquals(1, seen.list.size(), "other lines still go through");
        } finally {
            filter.uninstall();
            root.detachAppender(seen);
        }
        assertFalse(listener.isDebugEnabled(), "uninstalled: Gatling's own level again");
        listener.debug("Request 'home' failed for user 9", new ConnectException("Connection refused"));
        assertEquals(1, errors.count(TransportErrors.Kind.CONNECT_REFUSED), "no longer counted");
    }

    @Test
    void aListenerConfiguredAtDebugStillPrints() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger listener = ctx.getLogger(TransportErrorFilter.GATLING_LISTENER);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        listener.addAppender(seen);
        Level before = listener.getLevel();
        listener.setLevel(Level.DEBUG);
        TransportErrors errors = new TransportErrors();
        TransportErrorFilter filter = TransportErrorFilter.install(errors).orElseThrow();
        try {
            listener.debug("Request 'home' failed for user 7", new ConnectException("Connection refused"));
            assertEquals(1, errors.count(TransportErrors.Kind.CONNECT_REFUSED));
            assertEquals(1, seen.list.size(), "asked for, so printed");
        } finally {
            filter.uninstall();
            listener.setLevel(before);
            listener.detachAppender(seen);
        }
    }

    /** The Gatling call the filter relies on: its HTTP listener's object logs a crashed request with its throwable. */
    @Test
    void gatlingsListenerStillLogsCrashedRequestsThere() throws Exception {
        Class<?> object = Class.forName(TransportErrorFilter.GATLING_LISTENER);
        assertTrue(Arrays.stream(object.getMethods()).map(Method::getName).anyMatch(n -> n.endsWith("logRequestCrash")),
                "Gatling's " + object.getName() + " no longer has logRequestCrash: check TransportErrorFilter");
        Object module = object.getField("MODULE$").get(null);
        Object logger = object.getMethod("logger").invoke(module);
        Object underlying = logger.getClass().getMethod("underlying").invoke(logger);
        assertEquals(TransportErrorFilter.GATLING_LISTENER, ((org.slf4j.Logger) underlying).getName(), "the logger's name");
    }
}
