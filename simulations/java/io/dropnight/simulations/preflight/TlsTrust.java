package io.dropnight.simulations.preflight;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Optional;
import io.dropnight.profile.TrustStore;
import java.util.function.UnaryOperator;

/**
 * Which server certificates the night trusts, read from Gatling's own settings so that the
 * preflight and the load agree: Gatling's TLS trust is set for its whole JVM when it starts
 * ({@code gatling.ssl.*}: gatling.conf, or {@code -Dgatling.ssl.useInsecureTrustManager=true},
 * {@code -Dgatling.ssl.trustStore.file=...}), so a profile read later cannot change it; this class
 * reads the same keys and gives the preflight the same trust. Dropnight's gatling.conf checks
 * certificates by default (Gatling's own default trusts any). Immutable.
 *
 * @param insecure   any certificate is trusted ({@code gatling.ssl.useInsecureTrustManager})
 * @param trustStore the trust store file, empty for the JVM's own ({@code gatling.ssl.trustStore.file})
 * @param type       its type, {@code PKCS12} unless told ({@code gatling.ssl.trustStore.type})
 * @param password   its password, never shown ({@code gatling.ssl.trustStore.password})
 * @param fromFile   the trust store is the journey file's ({@code protocol.trustStore}), not Gatling's settings
 */
public record TlsTrust(boolean insecure, Optional<Path> trustStore, String type, String password, boolean fromFile) {
    public static final String INSECURE = "gatling.ssl.useInsecureTrustManager";
    public static final String TRUST_STORE = "gatling.ssl.trustStore.file";
    public static final String TRUST_STORE_TYPE = "gatling.ssl.trustStore.type";
    public static final String TRUST_STORE_PASSWORD = "gatling.ssl.trustStore.password";

    /** The trust these settings give: unset, certificates are checked against the JVM's trust store. */
    public static TlsTrust from(UnaryOperator<String> settings) {
        String file = settings.apply(TRUST_STORE);
        String type = settings.apply(TRUST_STORE_TYPE);
        String password = settings.apply(TRUST_STORE_PASSWORD);
        return new TlsTrust(Boolean.parseBoolean(settings.apply(INSECURE)),
                file == null || file.isBlank() ? Optional.empty() : Optional.of(Path.of(file)),
                type == null || type.isBlank() ? "PKCS12" : type, password == null ? "" : password, false);
    }

    /**
     * The night's trust: the journey file's trust store if it gives one, else Gatling's settings.
     *
     * @throws IllegalArgumentException (one line) when both give one, or the file's is given beside
     *                                  trusting any certificate
     */
    public static TlsTrust forNight(UnaryOperator<String> settings, Optional<TrustStore> file) {
        TlsTrust flags = from(settings);
        if (file.isEmpty()) {
            return flags;
        }
        if (flags.insecure() || flags.trustStore().isPresent()) {
            throw new IllegalArgumentException("the journey file's protocol.trustStore (" + file.get().file() + ") and -D"
                    + (flags.insecure() ? INSECURE + "=true" : TRUST_STORE + "=" + flags.trustStore().get())
                    + " both say which certificates to trust: give one");
        }
        return new TlsTrust(false, Optional.of(file.get().file()), file.get().type(), file.get().password(), true);
    }

    /**
     * Makes the file's trust store the injector JVM's default trust, before any load
     * ({@link FileTrustProvider}): Gatling, configured with no trust store of its own (its TLS
     * settings are read when it starts, before any journey file), builds each viewer's TLS context
     * with the JVM's default trust. Does nothing when the trust is Gatling's own settings.
     *
     * @throws IOException naming the trust store when it cannot be read
     */
    public void installForTheLoad() throws IOException {
        if (!fromFile) {
            return;
        }
        FileTrustProvider.install(trustManagers());
    }

    /** The trust managers of {@link #trustStore}, checked as the JVM's default checks (PKIX). */
    private TrustManager[] trustManagers() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(trustStore.orElseThrow())) {
                store.load(in, password.toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("the trust store " + trustStore.map(Path::toString).orElse("") + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Never the password (a record would print every component). */
    @Override
    public String toString() {
        return "TlsTrust[" + describe() + "]";
    }

    /** One line for the console and run.json, said out loud when insecure; never the password. */
    public String describe() {
        if (insecure) {
            return "TLS: INSECURE, any server certificate is trusted (-D" + INSECURE + "=true)";
        }
        return trustStore.map(f -> "TLS: certificates checked against the trust store " + f
                        + (fromFile ? " (the journey file's protocol.trustStore)" : ""))
                .orElse("TLS: certificates checked against the JVM's trust store");
    }

    /**
     * The preflight's TLS context.
     *
     * @throws IOException naming the trust store when it cannot be read
     */
    SSLContext sslContext() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (insecure) {
                context.init(null, new TrustManager[] {new TrustAll()}, null);
                return context;
            }
            if (trustStore.isEmpty()) {
                return SSLContext.getDefault();
            }
            context.init(null, trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS context cannot be built: " + e.getMessage(), e);
        }
    }

    /** Trusts any certificate: only ever when the user said so. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
