package io.dropnight.simulations.client;

import io.dropnight.runfolder.ClientTags;

/**
 * How one finished request ended, as the client saw it; {@link #tagName()} is the last part of its
 * client.hlog tag {@code <night>/<endpoint>/<outcome>}, the server's scheme.
 */
public enum ClientOutcome {
    /** An expected status without the error page. */
    OK(ClientTags.OK),
    /** The branded error page, whatever the status. */
    ERROR_PAGE(ClientTags.ERROR_PAGE),
    /** An answer with a status this request does not expect (and no error page). */
    FAILED(ClientTags.FAILED),
    /**
     * No answer at all: a transport error, a refused connection, a timeout. Logged as {@code failed}
     * too; counted apart because an injector out of file descriptors or ports fails this way.
     */
    NO_RESPONSE(ClientTags.FAILED),
    /** The episode is still locked before the drop: an expected answer, not a failure. */
    LOCKED(ClientTags.LOCKED);

    private final String tagName;

    ClientOutcome(String tagName) {
        this.tagName = tagName;
    }

    public String tagName() {
        return tagName;
    }

    /** Whether a response came back (any status). */
    public boolean answered() {
        return this != NO_RESPONSE;
    }
}
