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
    LIVE,
    /**
     * A cinema rush (issue 27): signs in, finds screenings near it, holds seats at one picked by
     * popularity and confirms them; retries a write on the error page or a timeout with the same
     * idempotency key, tries another screening when one is sold out, and gives up after its tries
     * ({@code journey.ReservationJourney}).
     */
    RESERVE;

    /** Its name in a night file ({@code behaviour:}) and in run.json: {@code wait-for-drop}, {@code play-now}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The behaviour a night file names, if it names one. */
    public static java.util.Optional<Journey> of(String label) {
        return java.util.Arrays.stream(values()).filter(j -> j.label().equals(label)).findFirst();
    }

    /** Every label, sorted, for a line that names what is accepted. */
    public static String labels() {
        return java.util.Arrays.stream(values()).map(Journey::label).sorted().toList().toString();
    }
}
