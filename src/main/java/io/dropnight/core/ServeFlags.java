package io.dropnight.core;

/**
 * The names of {@code dropnight serve}'s flags that the harness passes to the embedded service it
 * starts: the command line is a contract between the two wings, so its names live here, once, and
 * both the service's settings ({@code config.Setting}) and the harness's command line use them.
 * The service owns what each flag means; this class owns only how it is spelt.
 */
public final class ServeFlags {
    public static final String SERVE = "serve";
    public static final String PORT = "--port";
    public static final String RUN_DIR = "--run-dir";
    public static final String DROP_IN = "--drop-in";
    public static final String SCALE = "--scale";
    public static final String ADMIN_TOKEN = "--admin-token";
    public static final String SEED = "--seed";
    public static final String POLICY = "--policy";
    public static final String SLOTS = "--slots";
    public static final String QUEUE_LIMIT = "--queue-limit";
    public static final String SERVICE_TIME = "--service-time";
    public static final String SINGLE_FLIGHT = "--single-flight";
    public static final String PREWARM = "--prewarm";
    public static final String UNCONSTRAINED = "--unconstrained";
    public static final String ERROR_PAGE_STATUS = "--error-page-status";
    /** The cinema reservations' SQLite ledger file. */
    public static final String RESERVATIONS_DB = "--reservations-db";
    /** The cinemas' size: the rehearsal's audience over the real rush's 1.1 million (not --scale, the capacity's). */
    public static final String RESERVATIONS_SCALE = "--reservations-scale";
    /** How long a seat hold lasts unconfirmed. */
    public static final String HOLD_TTL = "--hold-ttl";
    /** Test only: confirmations answered before their (deferred) commit, so a kill loses them. */
    public static final String UNSAFE_ACK_BEFORE_COMMIT = "--unsafe-ack-before-commit";
    /** Full-size booking-write slots of the capacity model. */
    public static final String WRITE_SLOTS = "--write-slots";
    /** One booking write's modelled service time. */
    public static final String WRITE_TIME = "--write-time";

    private ServeFlags() {
    }
}
