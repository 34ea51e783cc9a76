package io.dropnight.runfolder;

/**
 * The tags of client.hlog, one owner for the harness that writes them and the report and
 * {@code merge-runs} that read them: {@code <night>/time-to-play} and {@code <night>/playback-start}
 * (the viewers' two SLO latencies), and every finished request as
 * {@code <night>/<endpoint>/<outcome>}, the server's scheme. Stateless.
 */
public final class ClientTags {
    /** From the intent to play to a started stream, refreshes and pauses included. */
    public static final String TIME_TO_PLAY = "time-to-play";
    /** The successful play request's own latency, the endpoint an SLO judges. */
    public static final String PLAYBACK_START = "playback-start";

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
