package io.dropnight;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dependencies flow one way (house style 10): shared vocabulary at the bottom, running parts above
 * it, assembly at the top. Checked on the service's classes ({@code src/main}) and the Gatling
 * simulations ({@code simulations/}, compiled with the test classes); the tests themselves are not
 * checked.
 *
 * <pre>
 * cli → config → server → server.api → auth, capacity → shedding → catalogue → metrics → runfolder → core
 * cli, config, server, server.api → reservations → core   (the cinema reservations and their contract;
 *   the simulations read it too: routes, promises, the ledger reader)
 * cli → report → metrics → runfolder → core;  cli → bench;  cli → report → learn → core (learn.night → learn.log)
 * cli → learn.journey → profile → runfolder → core   (profile: the journey file, the target's API as data; its one
 *   reader, called by the harness and by learn journey's draft alike)
 * simulations → profile, server, shedding, metrics, runfolder, core   (shared contracts only; never the report:
 *   its pages are found through runfolder.RunPages)
 * inside the simulations: the night's assembly (NightSimulation, NightRun) → run, preflight, journey, plan, slo
 *   → nights, client, service → params
 * </pre>
 * How a call is made stays apart from what a viewer does: the nights and {@code RefreshBehaviour}
 * depend on no profile and name no route.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(new MainOrSimulations(simulationsDir()))
                .importPackages("io.dropnight");
    }

    @Test
    void checksTheServiceAndTheSimulations() {
        assertTrue(classes.contain("io.dropnight.cli.Main"), "src/main classes were not imported");
        assertTrue(classes.contain("io.dropnight.simulations.NightSimulation"), "simulation classes were not imported");
        assertTrue(classes.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")), "test classes were imported");
    }

    @Test
    void noPackageCycles() {
        // (**) captures the whole package name: every package, sub-packages included, is its own slice.
        slices().matching("io.dropnight.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void dependenciesFollowTheLayers() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.dropnight.cli..")
                .layer("simulations").definedBy("io.dropnight.simulations..")
                .layer("config").definedBy("io.dropnight.config..")
                .layer("report").definedBy("io.dropnight.report..")
                .layer("bench").definedBy("io.dropnight.bench..")
                .layer("learn").definedBy("io.dropnight.learn..")
                .layer("profile").definedBy("io.dropnight.profile..")
                .layer("server").definedBy("io.dropnight.server")
                .layer("server.api").definedBy("io.dropnight.server.api..")
                .layer("auth").definedBy("io.dropnight.auth..")
                .layer("capacity").definedBy("io.dropnight.capacity..")
                .layer("shedding").definedBy("io.dropnight.shedding..")
                .layer("catalogue").definedBy("io.dropnight.catalogue..")
                .layer("reservations").definedBy("io.dropnight.reservations..")
                .layer("metrics").definedBy("io.dropnight.metrics..")
                .layer("runfolder").definedBy("io.dropnight.runfolder..")
                .layer("core").definedBy("io.dropnight.core..")

                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("simulations").mayNotBeAccessedByAnyLayer()
                .whereLayer("config").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("learn").mayOnlyBeAccessedByLayers("cli", "report")
                .whereLayer("profile").mayOnlyBeAccessedByLayers("cli", "learn", "simulations")
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli", "config", "simulations")
                .whereLayer("server.api").mayOnlyBeAccessedByLayers("cli", "config", "server")
                .whereLayer("auth").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api")
                .whereLayer("capacity").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api")
                .whereLayer("shedding").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api",
                        "capacity", "simulations")
                .whereLayer("reservations").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api",
                        "simulations")
                .whereLayer("catalogue").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api",
                        "capacity", "shedding")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api",
                        "capacity", "shedding", "catalogue", "report", "simulations")
                .whereLayer("runfolder").mayOnlyBeAccessedByLayers("cli", "config", "server", "server.api",
                        "capacity", "shedding", "catalogue", "metrics", "report", "profile", "simulations")
                // core is the bottom: it is in no other layer's list, so it may access none of them.
                .check(classes);
    }

    @Test
    void theTargetProfileIsVocabularyAtTheBottomOfTheSimulations() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("io.dropnight.profile..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dropnight.simulations..", "io.gatling..")
                .check(classes);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("io.dropnight.simulations.preflight..")
                .should().dependOnClassesThat().resideInAnyPackage("io.dropnight.simulations.journey..", "io.gatling..")
                .check(classes);
    }

    /** What a viewer does names no route or JSON field: those live in the target profile (TargetCalls reads it). */
    @Test
    void theNightsAndTheRefreshBehaviourKnowNoRoute() throws Exception {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("io.dropnight.simulations.nights..")
                .or().haveSimpleName("RefreshBehaviour")
                .should().dependOnClassesThat().resideInAnyPackage("io.dropnight.profile..")
                .orShould().dependOnClassesThat().haveSimpleName("TargetCalls")
                .check(classes);
        Path sims = simulationsDir().resolve("io/dropnight/simulations");
        java.util.List<Path> viewerCode = new java.util.ArrayList<>(java.util.List.of(
                sims.resolve("journey/RefreshBehaviour.java"), sims.resolve("journey/Steps.java"),
                sims.resolve("journey/Journeys.java")));
        try (var nights = Files.list(sims.resolve("nights"))) {
            nights.forEach(viewerCode::add);
        }
        Pattern routeOrField = Pattern.compile("\"/api/|\"/v\\d|featured|seasons|playbackId|Bearer");
        for (Path source : viewerCode) {
            Matcher m = routeOrField.matcher(Files.readString(source));
            boolean found = m.find();
            assertTrue(!found, () -> source + " names a route or JSON field: " + m.group());
        }
    }

    /**
     * The run folder has one owner: its file names are named in {@code runfolder.RunFiles} only,
     * so that a second reader or writer of a run's file cannot be added beside the one in
     * {@code io.dropnight.runfolder} without this failing.
     */
    @Test
    void theRunFoldersFilesAreNamedByItsOwnerOnly() throws Exception {
        Pattern fileName = Pattern.compile("\"(run\\.json|slo\\.json|slo-junit\\.xml|client-summary\\.json|client\\.hlog"
                + "|server\\.hlog|injector\\.csv|service-lag\\.csv|service\\.json|server-metrics\\.json|plan\\.json"
                + "|plan\\.html|live\\.html|live\\.js|confirmations\\.jsonl|reservations\\.db)\"");
        java.util.List<Path> sources = new java.util.ArrayList<>();
        for (Path root : java.util.List.of(Path.of("src/main/java"), simulationsDir())) {
            try (var files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        assertTrue(sources.size() > 100, "the sources were found: " + sources.size());
        for (Path source : sources) {
            if (source.endsWith(Path.of("io/dropnight/runfolder/RunFiles.java"))) {
                continue;
            }
            Matcher m = fileName.matcher(Files.readString(source));
            boolean found = m.find();
            assertTrue(!found, () -> source + " names a run-folder file itself (" + m.group()
                    + "): use runfolder.RunFiles and the one reader or writer of that file");
        }
    }

    private static Path simulationsDir() {
        return Path.of(System.getProperty("dropnight.simulationsDir", "simulations/java"));
    }

    /**
     * The service's classes, plus those test classes compiled from {@code simulations/} (the
     * simulations share {@code target/test-classes} with the tests, so they are told apart by
     * their source file).
     */
    private record MainOrSimulations(Path simulationsDir) implements ImportOption {
        private static final Pattern TEST_CLASS = Pattern.compile(".*/test-classes/(.+?)(\\$[^/]*)?\\.class$");

        @Override
        public boolean includes(Location location) {
            String uri = location.asURI().toString();
            if (!uri.endsWith(".class") || uri.contains("/classes/") && !uri.contains("/test-classes/")) {
                return true;
            }
            Matcher m = TEST_CLASS.matcher(uri);
            return m.matches() && m.group(1).startsWith("io/dropnight/simulations/")
                    && Files.isRegularFile(simulationsDir.resolve(m.group(1) + ".java"));
        }
    }
}
