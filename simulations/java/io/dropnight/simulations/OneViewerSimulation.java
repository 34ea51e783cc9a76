package io.dropnight.simulations;

import io.dropnight.simulations.client.ClientMetrics;
import io.dropnight.simulations.journey.Journeys;
import io.dropnight.simulations.journey.RefreshBehaviour;
import io.dropnight.simulations.journey.Steps;
import io.dropnight.simulations.journey.TargetCalls;
import io.dropnight.simulations.journey.ViewerIds;
import io.dropnight.simulations.journey.ViewerRandom;
import io.dropnight.simulations.nights.Journey;
import io.dropnight.simulations.nights.Phase;
import io.dropnight.simulations.nights.Population;
import io.dropnight.simulations.params.Night;
import io.dropnight.simulations.params.RefreshPolicy;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * One viewer per journey file walks it on the load's own engine (the same {@link Steps},
 * {@link TargetCalls} and {@link Journeys} a night runs), after the drop, with no refresh to spend:
 * the first error page, failure or unclassified answer of a step that is not optional ends it.
 * {@code -Dtarget} and {@code -Dprofiles} (journey files, comma-separated); prints one line per
 * file: {@code one-viewer <file>: walked|stopped, ...}. The preflight agreement test runs it beside
 * the preflight on the same files: the preflight passes exactly when the viewer walked.
 */
public class OneViewerSimulation extends Simulation {
    private final List<String> files = new ArrayList<>();
    private final List<ClientMetrics> metrics = new ArrayList<>();

    public OneViewerSimulation() {
        String target = System.getProperty("target");
        String profiles = System.getProperty("profiles");
        if (target == null || profiles == null) {
            throw new IllegalArgumentException("-Dtarget and -Dprofiles (journey files, comma-separated) are required");
        }
        List<PopulationBuilder> viewers = new ArrayList<>();
        for (String file : profiles.split(",")) {
            TargetProfile profile = ProfileReader.read(Path.of(file));
            ClientMetrics m = new ClientMetrics();
            Steps steps = new Steps(new TargetCalls(profile), m, new RefreshBehaviour(RefreshPolicy.REFRESH), new ViewerRandom(1, 0),
                    0, Optional.empty(), line -> System.out.println("one-viewer " + file + ": " + line), false,
                    profile.accounts().map(a -> new io.dropnight.simulations.journey.AccountFeeder(a, 1)),
                    new ViewerIds(0, 1), new io.dropnight.simulations.client.PopulationFigures());
            Population one = new Population("one-viewer-" + files.size(), Journey.PLAY_NOW,
                    List.of(Phase.ramp("one", 1, Duration.ofSeconds(1))), 1, 1, Duration.ofSeconds(1));
            HttpProtocolBuilder protocol = http.baseUrl(target).disableCaching().header("X-Scenario", "one-viewer")
                    .acceptHeader("application/json");
            viewers.add(scenario(one.name()).exec(new Journeys(steps, profile, Night.FINALE_DROP).of(one, () -> 0L))
                    .injectOpen(atOnceUsers(1)).protocols(profile.http2() ? protocol.enableHttp2() : protocol));
            files.add(file);
            metrics.add(m);
        }
        setUp(viewers);
    }

    @Override
    public void after() {
        for (int i = 0; i < files.size(); i++) {
            ClientMetrics.Counts c = metrics.get(i).counts();
            boolean walked = c.errorPages() == 0 && c.failures() == 0 && metrics.get(i).unclassifiedAnswers().isEmpty()
                    && metrics.get(i).injectorErrors() == 0 && c.playbackStarts() == 1;
            System.out.println("one-viewer " + files.get(i) + ": " + (walked ? "walked" : "stopped") + ", requests " + c.requests()
                    + ", error pages " + c.errorPages() + ", failures " + c.failures() + ", unclassified " + metrics.get(i).unclassifiedAnswers()
                    + ", injector errors " + metrics.get(i).injectorErrors() + ", streams started " + c.playbackStarts());
        }
    }
}
