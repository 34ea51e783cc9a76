package io.dropnight.simulations.preflight;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load checks server certificates: Dropnight's gatling.conf, read as Gatling reads it (its
 * defaults underneath), turns off the trust-anything default Gatling ships with, under the very key
 * the preflight reads ({@link TlsTrust#INSECURE}); a misspelt key would leave Gatling's default.
 */
class GatlingTlsSettingTest {
    @Test
    void gatlingConfChecksCertificatesUnderTheKeyThePreflightReads() {
        Config defaults = ConfigFactory.parseResources("gatling-defaults.conf");
        assertTrue(defaults.getBoolean(TlsTrust.INSECURE), "Gatling's own default trusts any certificate");
        Config ours = ConfigFactory.parseResources("gatling.conf").withFallback(defaults);
        assertFalse(ours.getBoolean(TlsTrust.INSECURE), "Dropnight's gatling.conf checks them");
        assertFalse(TlsTrust.from(key -> null).insecure(), "and so does the preflight when nothing is said");
    }
}
