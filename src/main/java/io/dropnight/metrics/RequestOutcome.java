package io.dropnight.metrics;

import io.dropnight.runfolder.ClientTags;

/** How a request ended, as seen by the server. */
public enum RequestOutcome {
    /** 2xx or 3xx: the viewer got what they asked for. */
    OK(ClientTags.OK),
    /** 4xx caused by the client (bad input, no token, locked episode, unknown title). */
    CLIENT_ERROR(ClientTags.CLIENT_ERROR),
    /** The branded error page for a reason other than shedding: backend outage, internal error. */
    ERROR_PAGE(ClientTags.ERROR_PAGE),
    /** Shed by the overload policy or a full queue: the branded error page with 503 and Retry-After. */
    REJECTED(ClientTags.REJECTED);

    private final String tagName;

    RequestOutcome(String tagName) {
        this.tagName = tagName;
    }

    /** Lower-case name used in histogram tags and JSON. */
    public String tagName() {
        return tagName;
    }

    /** Whether the viewer saw the branded error page ("Something went wrong…"). */
    public boolean isErrorPage() {
        return this == ERROR_PAGE || this == REJECTED;
    }
}
