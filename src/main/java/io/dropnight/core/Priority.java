package io.dropnight.core;

/**
 * How much a request matters to a viewer on release night, most critical first. Priority shedding
 * drops the least critical classes first so that playback keeps working while browsing degrades.
 */
public enum Priority {
    /** Starting and keeping a stream alive: what the viewer came for. */
    PLAYBACK,
    /** Title and episode pages, and the login that precedes playback. */
    TITLE,
    /** Home rows. */
    HOME,
    /** Search and other browsing that can be retried later. */
    SEARCH;

    /** Zero for the most critical class, increasing towards the least critical. */
    public int rank() {
        return ordinal();
    }
}
