package io.dropnight.simulations.nights;

/** What a population of viewers does once it arrives. */
public enum Journey {
    /** Already on the title page before the drop, polling it; presses play as soon as it unlocks. */
    WAIT_FOR_DROP,
    /** Arrives, signs in, browses home and the title, presses play, then watches (heartbeats). */
    PLAY_NOW,
    /** Like {@link #PLAY_NOW}, then starts the following episodes one after another. */
    BINGE,
    /** Joins a live stream and stays until the event ends, sending heartbeats. */
    LIVE
}
