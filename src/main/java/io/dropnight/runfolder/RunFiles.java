package io.dropnight.runfolder;

/**
 * The names of the files in a run folder ({@code reports/<run>/}): a contract between the service
 * that writes the server's side, the simulations that write the viewers' side and the report that
 * reads them all. Every name is relative to the run folder.
 */
public final class RunFiles {
    /** The run's parameters, model, seed and machine, written by the simulation. */
    public static final String RUN_INFO = "run.json";
    /** The service's interval histograms, one line per tag and interval. */
    public static final String SERVER_LOG = "server.hlog";
    /** Folder of the service's final percentile distributions, one {@code .hgrm} per tag. */
    public static final String SERVER_HISTOGRAMS = "server";
    /** The service's final /metrics snapshot. */
    public static final String SERVER_METRICS = "server-metrics.json";
    /** The service's policy, capacity model, catalogue seed and machine. */
    public static final String SERVICE_INFO = "service.json";
    /**
     * How late the service's event loops and its model thread ran, one line a second
     * ({@code io.dropnight.metrics.LagLog} writes and reads it): a host that stalls the service
     * makes its modelled capacity smaller than the model says.
     */
    public static final String SERVICE_LAG = "service-lag.csv";
    /** The generated admin token, readable by its owner only. */
    public static final String ADMIN_TOKEN = "admin-token";
    /**
     * The cinema reservations' SQLite ledger when {@code serve} is given no {@code --reservations-db}
     * (read after a night with {@code reservations.LedgerReader}).
     */
    public static final String RESERVATIONS_DB = "reservations.db";
    /** The load generator's own state each second: open files, CPU, GC, started viewers (injector watch). */
    public static final String INJECTOR_LOG = "injector.csv";
    /** The viewers' interval histograms: time to play, playback start, every request per endpoint and outcome. */
    public static final String CLIENT_LOG = "client.hlog";
    /** The viewers' counts: error pages seen, refreshes, abandonments, playback starts. */
    public static final String CLIENT_SUMMARY = "client-summary.json";
    /**
     * Every confirmation a viewer of a cinema rush received, one JSON line each, appended and flushed
     * as it arrives so that it survives the injector being killed ({@code simulations.client.ConfirmationLog}
     * writes and reads it): what the promises are checked against after the night.
     */
    public static final String CONFIRMATIONS = "confirmations.jsonl";
    /** The SLO results, a JSON list. */
    public static final String SLO_RESULTS = "slo.json";
    /** The SLO results as JUnit XML, for CI systems. */
    public static final String SLO_JUNIT = "slo-junit.xml";
    /** Folder of Gatling's own HTML report. */
    public static final String GATLING_DIR = "gatling";
    /** The entry page of Gatling's report, and of the run's own report. */
    public static final String INDEX_PAGE = "index.html";
    /** Gatling's report page, from the run folder. */
    public static final String GATLING_REPORT = GATLING_DIR + "/" + INDEX_PAGE;
    /**
     * The night's live page, written once as the night starts: it reads {@link #LIVE_DATA} again every
     * second and turns into the run's report ({@link #INDEX_PAGE}) once that is written.
     */
    public static final String LIVE_PAGE = "live.html";
    /** The live page's data, rewritten every second while the night runs (a script, so that it loads from file://). */
    public static final String LIVE_DATA = "live.js";

    /** The prefix of a capacity plan's folder in the reports folder ({@code plan-<time>-<mode>}). */
    public static final String PLAN_PREFIX = "plan-";
    /** A plan's result, written by the planner and listed by the run index. */
    public static final String PLAN_JSON = "plan.json";
    /** A plan's page. */
    public static final String PLAN_PAGE = "plan.html";

    private RunFiles() {
    }
}
