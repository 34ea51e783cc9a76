package io.dropnight.reliability.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to one target's arrivals. Every arrival ends in exactly one outcome. Latencies are
 * measured from the arrival's <em>intended</em> send time (no coordinated omission), in
 * microseconds, 3 significant digits. Thread-safe while recording; read after the run.
 */
public final class TargetResult {
    final LongAdder offered = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder errorPages = new LongAdder();
    final LongAdder otherStatus = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder connectionErrors = new LongAdder();
    final LongAdder overflow = new LongAdder();
    final Recorder okMicros = new Recorder(3);
    final Recorder errorPageMicros = new Recorder(3);
    /** How late each request left the client (intended send time to the write). */
    final Recorder sendLagMicros = new Recorder(3);
    private Histogram sendLagHistogram;

    private Histogram okHistogram;
    private Histogram errorPageHistogram;

    void seal() {
        okHistogram = okMicros.getIntervalHistogram();
        errorPageHistogram = errorPageMicros.getIntervalHistogram();
        sendLagHistogram = sendLagMicros.getIntervalHistogram();
    }

    /** How late requests left the client: large values mean the generator, not the server, was slow. */
    public Histogram sendLagMicros() {
        return sendLagHistogram;
    }

    public long offered() {
        return offered.sum();
    }

    /** 2xx answers received within the client timeout. */
    public long ok() {
        return ok.sum();
    }

    /** 503 answers carrying the error-page marker (shed or failed fast). */
    public long errorPages() {
        return errorPages.sum();
    }

    public long otherStatus() {
        return otherStatus.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long connectionErrors() {
        return connectionErrors.sum();
    }

    /** Arrivals not sent because the client's connection cap was reached (counted as failures). */
    public long overflow() {
        return overflow.sum();
    }

    /** Share of arrivals answered 2xx in time. */
    public double availability() {
        return offered() == 0 ? 1.0 : (double) ok() / offered();
    }

    public Histogram okLatencyMicros() {
        return okHistogram;
    }

    public Histogram errorPageLatencyMicros() {
        return errorPageHistogram;
    }
}
