package io.dropnight.simulations.watch;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the transport errors of a night's requests, those that got no response at all, by where
 * they were raised: out of file descriptors or ephemeral ports (the injector's own limits), a
 * connect refused or reset (the target's: nothing listens, or its accept queue is full), another connect
 * failure (timed out, unreachable) and the rest (request timeouts, connections closed or reset).
 * Fed by {@link TransportErrorFilter} from Gatling's own report of each failed request; read once a
 * second by the {@link InjectorWatch}. Thread-safe: Gatling's event loops count, the watch reads.
 */
public final class TransportErrors {
    /** Where a transport error was raised. */
    public enum Kind {
        /** EMFILE/ENFILE: the injector (or its host) is out of file descriptors. */
        FILE_DESCRIPTORS("out of open files"),
        /** EADDRNOTAVAIL, or a local bind refused: the injector's host is out of ephemeral ports for the target. */
        EPHEMERAL_PORTS("out of ephemeral ports"),
        /**
         * ECONNREFUSED, or ECONNRESET while connecting: the target refused the connection (nothing listens,
         * its accept queue is full, or it reset the connect as it went down).
         */
        CONNECT_REFUSED("connect refused or reset"),
        /** A connect that timed out or found no route: the target's, unless the injector was saturated meanwhile. */
        CONNECT_FAILED("connect timed out or unreachable"),
        /** Any other transport error: a request timeout, a connection closed or reset. */
        OTHER("other transport errors");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, AtomicReference<String>> firstMessage = new EnumMap<>(Kind.class);

    public TransportErrors() {
        for (Kind k : Kind.values()) {
            counts.put(k, new LongAdder());
            firstMessage.put(k, new AtomicReference<>());
        }
    }

    /** Counts one failed request's error; returns its kind. */
    public Kind count(Throwable error) {
        Kind k = classify(error);
        counts.get(k).increment();
        AtomicReference<String> first = firstMessage.get(k);
        if (first.get() == null) {
            first.compareAndSet(null, describe(error));
        }
        return k;
    }

    /** Counts an error that could not be classified (the classification itself failed) with the rest. */
    public void countUnclassified() {
        counts.get(Kind.OTHER).increment();
    }

    /** The errors of this kind counted so far. */
    public long count(Kind kind) {
        return counts.get(kind).sum();
    }

    /** The first error of this kind as Gatling reported it (its class and message, with its causes); null when none. */
    public String firstMessage(Kind kind) {
        return firstMessage.get(kind).get();
    }

    /**
     * Where an error was raised, from its class and message and those of its causes. The injector's
     * own limits are looked for first: a connect that failed for lack of a descriptor or a port is
     * the injector's, whatever the wrapping exception says. Plain code on purpose: it runs when the
     * process may be out of descriptors, where a class not yet loaded from a folder cannot be.
     */
    public static Kind classify(Throwable error) {
        Kind found = Kind.OTHER;
        Throwable t = error;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            Kind k = kindOf(t, m);
            if (k.ordinal() < found.ordinal()) {
                found = k; // the enum's order is the precedence: the injector's limits first
            }
        }
        return found;
    }

    private static Kind kindOf(Throwable t, String m) {
        // "Too many open files" (EMFILE), "... in system" (ENFILE); Netty's native transport adds error(-24) or (-23)
        if (m.contains("too many open files") || m.contains("error(-24)") || m.contains("error(-23)")) {
            return Kind.FILE_DESCRIPTORS;
        }
        // EADDRNOTAVAIL is error(-99) in Netty's native transport; a BindException on the client side
        // is the local address or port the injector could not take.
        if (m.contains("cannot assign requested address") || m.contains("error(-99)") || t instanceof BindException) {
            return Kind.EPHEMERAL_PORTS;
        }
        // A reset while connecting is the target's kernel answering too (a socket closing as it dies).
        if (m.contains("connection refused") || m.contains("error(-111)")
                || t instanceof ConnectException && (m.contains("connection reset") || m.contains("error(-104)"))) {
            return Kind.CONNECT_REFUSED;
        }
        if (t.getClass().getName().endsWith("ConnectTimeoutException") || t instanceof ConnectException
                || t instanceof NoRouteToHostException || m.contains("connection timed out") || m.contains("connect timed out")
                || m.contains("no route to host") || m.contains("network is unreachable")) {
            return Kind.CONNECT_FAILED;
        }
        return Kind.OTHER;
    }

    private static String describe(Throwable error) {
        StringBuilder b = new StringBuilder();
        Throwable t = error;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (depth > 0) {
                b.append(" <- ");
            }
            b.append(t.getClass().getName());
            if (t.getMessage() != null) {
                b.append(": ").append(t.getMessage());
            }
        }
        String s = b.toString().replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
