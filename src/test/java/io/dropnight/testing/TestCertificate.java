package io.dropnight.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool: the server's key store
 * (for WireMock's HTTPS) and a trust store holding only its certificate, both PKCS12 with one
 * password. Valid for two days.
 *
 * @param keyStore   the server's key and certificate
 * @param trustStore the certificate alone, for a client that must trust it
 * @param password   both stores' password
 */
public record TestCertificate(Path keyStore, Path trustStore, String password) {
    public static TestCertificate create(Path dir, String password) throws Exception {
        Path server = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12",
                "-storepass", password, "-keypass", password);
        Path cert = dir.resolve("server.cer");
        keytool("-exportcert", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file", cert.toString());
        Path trust = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        return new TestCertificate(server, trust, password);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), "keytool " + List.of(args) + ": " + out);
    }
}
