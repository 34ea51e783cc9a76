package io.dropnight.runfolder;

/**
 * The tags of client.hlog (and the outcome names server.hlog shares), one owner for the service
 * and the harness that write them and the report and
 * {@code merge-runs} that read them: {@code <night>/time-to-play} and {@code <night>/playback-start}
 * (the viewers' two SLO latencies), and every finished request as
 * {@code <night>/<endpoint>/<outcome>}, the server's scheme. Stateless.
 */
public final class ClientTags {
    /** From the intent to play to a started stream, refreshes and pauses included. */
    public static final String TIME_TO_PLAY = "time-to-play";
    /** The successful play request's own latency, the endpoint an SLO judges. */
    public static final String PLAYBACK_START = "playback-start";

    /**
     * Distinct endpoints client.hlog keeps apart (later ones share one tag): a journey names at most
     * this many, and the metrics cap their labels here.
     */
    public static final int MAX_ENDPOINTS = 16;

    /** The last part of a request's tag: how it ended, on either side (server.hlog, client.hlog). */
    public static final String OK = "ok";
    /** The branded error page, whatever its status. */
    public static final String ERROR_PAGE = "error-page";
    /** The service: an answer the client got wrong (a 4xx other than the error page). */
    public static final String CLIENT_ERROR = "client-error";
    /** The service: shed by its overload policy (also the error page to the viewer). */
    public static final String REJECTED = "rejected";
    /** The client: an unexpected answer, or none at all. */
    public static final String FAILED = "failed";
    /** The client: the episode is still locked before the drop. */
    public static final String LOCKED = "locked";

    private ClientTags() {
    }

    /** {@code <night>/time-to-play}. */
    public static String timeToPlay(String night) {
        return night + "/" + TIME_TO_PLAY;
    }

    /** {@code <night>/playback-start}. */
    public static String playbackStart(String night) {
        return night + "/" + PLAYBACK_START;
    }

    /** {@code <night>/<endpoint>/<outcome>}. */
    public static String request(String night, String endpoint, String outcome) {
        return night + "/" + endpoint + "/" + outcome;
    }
}
