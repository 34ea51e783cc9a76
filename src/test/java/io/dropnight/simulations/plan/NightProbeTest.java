package io.dropnight.simulations.plan;

import io.dropnight.simulations.params.NightInvocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each probe's night is told: the night's own flags plus the value tried. */
class NightProbeTest {
    private static NightProbe probe(PlanParameters.Mode mode, boolean embedded) {
        Properties night = new Properties();
        night.setProperty("night", "finale-drop");
        night.setProperty("policy", "adaptive");
        return new NightProbe(Path.of("unused"), NightInvocation.fromProperties(night), mode, 0.5, 64, 256,
                embedded, Duration.ofMinutes(1), "unused", System::nanoTime);
    }

    @Test
    void aCapacityProbeSetsTheSlotsAndMovesTheQueueWithThem() {
        Map<String, String> p = probe(PlanParameters.Mode.CAPACITY, true).propertiesFor(96);
        assertEquals("96", p.get("slots"));
        assertEquals("384", p.get("queueLimit"), "256 per 64 slots, as the night's own ratio");
        assertEquals("0.5", p.get("scale"));
        assertEquals("finale-drop", p.get("night"));
        assertEquals("adaptive", p.get("policy"));
        assertEquals("false", p.get("slo.enforce"), "a breach is a verdict, not a failed build");
    }

    @Test
    void aPlansProbesStopOnceAnSloIsLostUnlessToldOtherwise() {
        Properties night = new Properties();
        night.setProperty("night", "finale-drop");
        Properties defaulted = NightProbe.withProbeDefaults(night);
        assertEquals("true", NightInvocation.fromProperties(defaulted).toProperties().get("slo.abortOnFail"));
        assertEquals(null, night.getProperty("slo.abortOnFail"), "the flags given are not changed");

        night.setProperty("slo.abortOnFail", "false");
        assertEquals("false", NightInvocation.fromProperties(NightProbe.withProbeDefaults(night)).toProperties()
                .get("slo.abortOnFail"), "-Dslo.abortOnFail=false runs every probe whole");
        night.setProperty("slo.abortOnFail", " ");
        assertEquals("true", NightInvocation.fromProperties(NightProbe.withProbeDefaults(night)).toProperties()
                .get("slo.abortOnFail"), "blank is not given");
    }

    @Test
    void anAudienceProbeMultipliesTheViewersAndKeepsTheEmbeddedCapacity() {
        Map<String, String> p = probe(PlanParameters.Mode.BREAKPOINT, true).propertiesFor(2);
        assertEquals("1.0", p.get("scale"), "twice the viewers of scale 0.5");
        assertEquals("32", p.get("slots"), "32 full-size slots at scale 1 = 64 at scale 0.5: the same capacity");
        assertEquals("128", p.get("queueLimit"));
    }

    @Test
    void anAudienceProbeAgainstATargetOnlyMultipliesTheViewers() {
        Map<String, String> p = probe(PlanParameters.Mode.BREAKPOINT, false).propertiesFor(4);
        assertEquals("2.0", p.get("scale"));
        assertFalse(p.containsKey("slots"), "a target's capacity is its own");
        assertFalse(p.containsKey("queueLimit"));
    }

    @Test
    void theNightsOwnFlagsReachTheProbeButNotTheJvmsOrThePlanners() {
        Properties props = new Properties();
        props.setProperty("night", "premiere-drop");
        props.setProperty("slo.errorPageRatePct", "2");
        props.setProperty("singleFlight", "true");
        props.setProperty("java.home", "/jdk");
        props.setProperty("plan", "capacity");
        props.setProperty("plan.resolution", "0.1");
        props.setProperty("plan.scales", "0.25,1");
        props.setProperty("audience", "5000000");
        props.setProperty("io.netty.leakDetection.level", "paranoid");
        Map<String, String> f = new NightProbe(Path.of("p"), NightInvocation.fromProperties(props), PlanParameters.Mode.CAPACITY,
                0.5, 64, 256, true, Duration.ofMinutes(1), "cp", System::nanoTime).propertiesFor(64);
        assertEquals("premiere-drop", f.get("night"));
        assertEquals("2.0", f.get("slo.errorPageRatePct"));
        assertEquals("true", f.get("singleFlight"));
        assertTrue(f.keySet().stream().noneMatch(k -> k.startsWith("plan") || k.startsWith("java.") || k.startsWith("io.netty")
                || k.equals("audience")), f::toString);
    }

    /**
     * A night refuses -Dplan (NightRun): the planner's own flags must never reach a probe's JVM, or
     * every probe would be refused. Checked on the probe's whole command line, from the planner's flags.
     */
    @Test
    void noProbeIsGivenAnyOfThePlannersFlags() {
        Properties props = new Properties();
        for (String key : new String[] {"plan", "plan.resolution", "plan.scales", "plan.maxSlots", "plan.maxAudience", "policies"}) {
            props.setProperty(key, "x");
        }
        props.setProperty("night", "premiere-drop");
        for (PlanParameters.Mode mode : PlanParameters.Mode.values()) {
            NightProbe probe = new NightProbe(Path.of("probes"), NightInvocation.fromProperties(props), mode, 0.5, 64, 256, true,
                    Duration.ofMinutes(1), "cp", System::nanoTime);
            List<String> command = probe.command(2, Path.of("probes/01"), "01");
            assertTrue(command.contains("-Dnight=premiere-drop"), command::toString);
            assertTrue(command.stream().noneMatch(a -> a.startsWith("-Dplan") || a.startsWith("-Dpolicies")), command::toString);
        }
    }
}
