package io.dropnight.simulations.journey;

import java.util.Set;

/** How a viewer reads one response, as its target profile describes the target's answers. */
public enum Outcome {
    /** The page or call worked: an expected status, and every {@code save} found its value. */
    OK,
    /** The target's error page (its marker, status or header, whatever the status). */
    ERROR_PAGE,
    /** The episode is still locked (the profile's {@code play.locked}): wait, this is not a failure. */
    LOCKED,
    /** No answer: timeout, refused connection. */
    FAILED,
    /**
     * An answer the profile does not describe: a status neither expected, locked nor the error
     * page, or an expected status whose {@code save}s found nothing. The viewer treats it as a
     * failure; the run warns, since a profile that never matches shows zero error pages.
     */
    UNCLASSIFIED;

    /**
     * @param status     the HTTP status, or null when no response arrived
     * @param errorPage  whether the answer is the error page by the profile's {@code errorPage}
     * @param locked     whether the answer is the profile's {@code play.locked}
     * @param savesFound whether every {@code save} of the call found a value
     * @param okStatuses statuses that mean success for this call
     */
    public static Outcome classify(Integer status, boolean errorPage, boolean locked, boolean savesFound,
                                   Set<Integer> okStatuses) {
        // In this order: locked (only ever true on the play step) is checked before the error page,
        // so that an errorPage marker that a locked answer also carries ("errors" in both) does not
        // swallow it; then the error page, whatever the status; then the answer's status and saves.
        if (locked && status != null) {
            return LOCKED;
        }
        if (errorPage) {
            return ERROR_PAGE;
        }
        if (status == null) {
            return FAILED;
        }
        return okStatuses.contains(status) && savesFound ? OK : UNCLASSIFIED;
    }
}
