package io.dropnight.learn.journey;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A journey drafted from a recording, ready to be written ({@link JourneyFileWriter}). Immutable
 * views of what the drafter built.
 *
 * @param name          the journey's name
 * @param session       what was read
 * @param settings      what the drafter was told
 * @param hosts         host name → origin ({@code api} first: the main host)
 * @param steps         in order
 * @param errorStatuses statuses the recording's error pages had, beside 502, 503, 504
 * @param errorPhrase   a phrase of a branded error page answered with a success status, or empty
 * @param uncorrelated  values sent that no earlier answer returned
 * @param leftOut       what was left out and why, one entry each (count, reason)
 * @param unsetCookies  names of cookies sent that no answer in the recording set
 */
public record JourneyDraft(String name, HarReader.Session session, DraftSettings settings, Map<String, String> hosts,
                           List<DraftStep> steps, Set<Integer> errorStatuses, String errorPhrase,
                           List<Correlator.Uncorrelated> uncorrelated, Map<String, Integer> leftOut, Set<String> unsetCookies) {

    /** How many requests the draft makes (each group member counted). */
    public int requests() {
        return steps.stream().mapToInt(s -> s.calls.size()).sum();
    }

    /** How many values the draft captures. */
    public int captureCount() {
        return steps.stream().mapToInt(s -> s.captures.size()).sum();
    }

    /** Step names, in order. */
    public List<String> stepNames() {
        return steps.stream().map(s -> s.name).toList();
    }
}
