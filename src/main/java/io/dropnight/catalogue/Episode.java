package io.dropnight.catalogue;

import java.time.Instant;

/**
 * One episode. Episodes of the featured series' final season that drop at the release instant
 * have {@code dropsAtRelease} set and take their availability from the {@link DropSchedule};
 * every other episode has been available since {@code availableAt}.
 *
 * @param id             episode id, unique across the catalogue ({@code titleId * 10000 + season * 100 + number})
 * @param titleId        the series it belongs to
 * @param season         season number, from 1
 * @param number         episode number within the season, from 1
 * @param name           display name
 * @param availableAt    release instant for episodes that do not drop at the release
 * @param dropsAtRelease whether this episode unlocks at the drop instant
 */
public record Episode(long id, long titleId, int season, int number, String name, Instant availableAt,
                      boolean dropsAtRelease) {

    /** The instant the episode becomes playable under {@code schedule}. */
    public Instant availableAt(DropSchedule schedule) {
        return dropsAtRelease ? schedule.dropAt() : availableAt;
    }

    public boolean available(DropSchedule schedule, Instant now) {
        return !now.isBefore(availableAt(schedule));
    }

    /** The title-metadata cache key this episode's playback reads. */
    public String cacheKey() {
        return "episode:" + id;
    }
}
