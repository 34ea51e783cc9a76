package io.dropnight.simulations.live;

import com.sun.net.httpserver.HttpExchange;
import io.dropnight.runfolder.AtomicFiles;
import io.dropnight.runfolder.RunFiles;
import io.dropnight.runfolder.RunPages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A night's live page in its run folder, with no Prometheus needed: {@code live.html}, written once
 * (the report's, through {@link RunPages#livePage}), and {@code live.js}, rewritten whole
 * ({@link AtomicFiles}) once a second from {@link #start()} on by a daemon ticker of its own, from
 * a {@link NightView} read into a {@link LiveTimeline}. {@link #end} writes the last one, which
 * names the run's report: the page then replaces itself with it. With {@code -Dmetrics.port} the
 * injector's {@link LiveServer} serves both too ({@code /}, {@code /live.js}).
 *
 * <p>Nothing here runs on a Gatling or Netty thread, and a file that cannot be written is said once
 * on the console and tried again the next second: the night goes on. A page that cannot be written
 * at all is {@link #off()}. Thread-safe.
 */
public final class LivePage {
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String HTML = "text/html; charset=utf-8";

    private final Path runDir;
    private final NightView view;
    private final LongSupplier clockMillis;
    private final Consumer<String> console;
    private final LiveTimeline timeline = new LiveTimeline(LiveTimeline.DEFAULT_SECONDS);
    private final boolean on;
    /** The latest live.js, as served. */
    private volatile byte[] script = new byte[0];
    private ScheduledExecutorService ticker;
    /** Guarded by {@code this}. */
    private boolean ended;
    /** Guarded by {@code this}: whether a failed write has been said (once). */
    private boolean failureSaid;

    private LivePage(Path runDir, NightView view, LongSupplier clockMillis, Consumer<String> console, boolean on) {
        this.runDir = runDir;
        this.view = view;
        this.clockMillis = clockMillis;
        this.console = console;
        this.on = on;
    }

    /**
     * Writes a first {@code live.js} and {@code live.html} into {@code runDir} and, when given, serves
     * them on {@code server}. Nothing is read on a schedule before {@link #start()}.
     *
     * @param clockMillis epoch milliseconds (the timeline's instants; the page tells how old its data is)
     * @param console     where a failure is said, one line
     * @return the page, or {@link #off()} (said on the console) when it cannot be written
     */
    public static LivePage write(Path runDir, NightView view, Optional<LiveServer> server, LongSupplier clockMillis,
                                 Consumer<String> console) {
        LivePage page = new LivePage(Objects.requireNonNull(runDir, "runDir"), Objects.requireNonNull(view, "view"),
                Objects.requireNonNull(clockMillis, "clockMillis"), Objects.requireNonNull(console, "console"), true);
        try {
            page.writeData(Optional.empty(), Optional.empty()); // the data first: the page, once there, always finds it
            Path html = RunPages.load().livePage(runDir, view.night());
            if (server.isPresent()) {
                byte[] htmlBytes = Files.readAllBytes(html);
                server.get().serve("/", exchange -> page.answer(exchange, htmlBytes));
            }
            return page;
        } catch (IOException | RuntimeException e) {
            console.accept("live page: not written (" + e + "); the night goes on without it");
            return off();
        }
    }

    /** No page: every call does nothing. */
    public static LivePage off() {
        return new LivePage(Path.of("."), null, () -> 0, line -> { }, false);
    }

    /** Reads the night and rewrites live.js once a second from now until {@link #end}. */
    public synchronized void start() {
        if (!on || ticker != null || ended) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dropnight-live-page");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        console.accept("live page: " + runDir.resolve(RunFiles.LIVE_PAGE).toUri() + " (read every second, the report once"
                + " the night ends)");
    }

    /**
     * The night has ended: stops the ticker and writes the last live.js, with the night's final figures
     * and the report's name (relative to the run folder) or why there is none.
     *
     * @param report the run's report, when it was written
     * @param note   why it was not, when it was not
     */
    public void end(Optional<Path> report, String note) {
        if (!on) {
            return;
        }
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ended = true;
        }
        if (t != null) {
            t.shutdown(); // a tick under way ends its write (an interrupt could cut it)
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Optional<String> name = report.map(p -> runDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString()
                .replace('\\', '/'));
        synchronized (this) {
            try {
                writeData(name, name.isPresent() ? Optional.empty() : Optional.of(note));
            } catch (IOException | RuntimeException e) {
                console.accept("live page: the last " + RunFiles.LIVE_DATA + " not written (" + e + "); the page will not turn"
                        + " into the report");
            }
        }
    }

    /** One second: a reading of the night, live.js rewritten. Package-private: tests tick by hand. */
    synchronized void tick() {
        if (!on || ended) {
            return;
        }
        tryWrite(Optional.empty(), Optional.empty());
    }

    private void writeData(Optional<String> report, Optional<String> note) throws IOException {
        timeline.add(LiveReading.of(view, clockMillis.getAsLong()));
        String js = LiveData.script(LiveData.of(timeline, report, note));
        AtomicFiles.write(runDir.resolve(RunFiles.LIVE_DATA), js);
        script = js.getBytes(StandardCharsets.UTF_8);
    }

    private void tryWrite(Optional<String> report, Optional<String> note) {
        try {
            writeData(report, note);
        } catch (IOException | RuntimeException e) {
            // a night is not stopped for its live page; said once, tried again next second
            if (!failureSaid) {
                failureSaid = true;
                console.accept("live page: " + RunFiles.LIVE_DATA + " not written (" + e + "); trying again every second");
            }
        }
    }

    private void answer(HttpExchange exchange, byte[] html) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/") || path.equals("/" + RunFiles.LIVE_PAGE)) {
            LiveServer.send(exchange, 200, HTML, html);
        } else if (path.equals("/" + RunFiles.LIVE_DATA)) {
            LiveServer.send(exchange, 200, JS, script);
        } else {
            LiveServer.send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        }
    }
}
