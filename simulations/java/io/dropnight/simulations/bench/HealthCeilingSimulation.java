package io.dropnight.simulations.bench;

import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The yardstick of the injector's cost (issue 9): the same Gatling version with a minimal scenario,
 * one {@code GET /health} per user and no check of ours, at {@code -Drate} users per second for
 * {@code -Dduration} seconds against {@code -Dtarget}. Prints this JVM's CPU time per request, to
 * compare with a night's (scripts/injector-ceiling.sh). Not a night: no run folder, no SLOs.
 *
 * <p>{@code -Dconnections=per-user} (the default, Gatling's own default and the wording:
 * each user opens its own connection, as each of the journey's viewers does) or {@code shared}
 * ({@code http.shareConnections()}: one pool for all users, so most requests reuse a connection;
 * the cheaper yardstick, hence the stricter ratio).
 */
public class HealthCeilingSimulation extends Simulation {
    private static final String TARGET = System.getProperty("target", "http://127.0.0.1:8080");
    private static final int RATE = Integer.getInteger("rate", 500);
    private static final int DURATION_S = Integer.getInteger("duration", 20);
    private static final String CONNECTIONS = System.getProperty("connections", "per-user");
    private final CpuPerRequest cpu = new CpuPerRequest();

    public HealthCeilingSimulation() {
        HttpProtocolBuilder protocol = switch (CONNECTIONS) {
            case "per-user" -> http.baseUrl(TARGET);
            case "shared" -> http.baseUrl(TARGET).shareConnections();
            default -> throw new IllegalArgumentException(
                    "-Dconnections takes per-user or shared, not '" + CONNECTIONS + "'");
        };
        setUp(scenario("health").exec(http("health").get("/health"))
                .injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(DURATION_S))))
                .protocols(protocol);
    }

    @Override
    public void before() {
        cpu.start();
    }

    @Override
    public void after() {
        System.out.println(cpu.line("health requests (connections " + CONNECTIONS + ")", (long) RATE * DURATION_S));
    }
}
