package io.dropnight.learn.journey;

import io.dropnight.profile.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the draft: a request (or a parallel group of static assets), what it captures for
 * later steps, its role, and the comments written beside it. Mutable while the drafter works on it.
 * Not thread-safe.
 */
final class DraftStep {
    final List<DraftCall> calls = new ArrayList<>();
    final Map<String, Source> captures = new LinkedHashMap<>();
    final List<String> comments = new ArrayList<>();
    String name = "step";
    Role role = Role.STEP;
    boolean optional;
    /** The recorded answer's status (after redirects), the step's ok status. */
    int status;
    /** Whether the recorded answer was the error page (then never a capture's source). */
    boolean errorPage;
    /** Times the same request was made in the recording. */
    int made = 1;
    /** Every status its request was answered with in the recording. */
    final java.util.Set<Integer> statusesSeen = new java.util.LinkedHashSet<>();
    /** The recorded final answer (after redirects) of its first request. */
    final Exchange answer;

    DraftStep(Exchange answer) {
        this.answer = answer;
        this.status = answer.status();
        this.statusesSeen.add(status);
    }

    boolean group() {
        return calls.size() > 1;
    }

    DraftCall call() {
        return calls.get(0);
    }

    boolean isAssets() {
        return calls.stream().allMatch(c -> AssetRule.isAsset(c.recorded));
    }
}
