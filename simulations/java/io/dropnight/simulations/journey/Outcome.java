package io.dropnight.simulations.journey;

import io.dropnight.server.ErrorPage;

import java.util.Set;

/** How a viewer reads one response. */
public enum Outcome {
    /** The page or call worked. */
    OK,
    /** The branded error page: its marker was in the body, whatever the status. */
    ERROR_PAGE,
    /** The episode is still locked (403 EPISODE_LOCKED before the drop): wait, this is not a failure. */
    LOCKED,
    /** No usable answer: timeout, refused connection, or an unexpected status without the marker. */
    FAILED;

    /** The literal substring that identifies the error page in any body (HTML or JSON): the service's own. */
    public static final String ERROR_PAGE_MARKER = ErrorPage.MARKER;

    /**
     * @param status     the HTTP status, or null when no response arrived
     * @param markers    occurrences of {@link #ERROR_PAGE_MARKER} in the body
     * @param errorCode  {@code error.code} from a JSON body, or null
     * @param okStatuses statuses that mean success for this request
     */
    public static Outcome classify(Integer status, int markers, String errorCode, Set<Integer> okStatuses) {
        if (markers > 0) {
            return ERROR_PAGE;
        }
        if (status == null) {
            return FAILED;
        }
        if (status == 403 && "EPISODE_LOCKED".equals(errorCode)) {
            return LOCKED;
        }
        return okStatuses.contains(status) ? OK : FAILED;
    }
}
