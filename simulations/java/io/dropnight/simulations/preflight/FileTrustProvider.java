package io.dropnight.simulations.preflight;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;

/**
 * Makes a journey file's trust store the JVM's default trust for every TLS context built after it
 * (issue 22): a security provider whose {@code TrustManagerFactory} hands out trust managers built
 * once from the file, named as the default algorithm ({@code ssl.TrustManagerFactory.algorithm}).
 * Gatling, configured with no trust store of its own, builds each viewer's TLS context (JDK or
 * OpenSSL) from the default factory; reading the file once here, instead of through
 * {@code javax.net.ssl.trustStore} on every context, leaves no cache to lose under memory pressure.
 */
final class FileTrustProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String NAME = "DropnightFileTrust";
    /** The file's trust managers; set once, before any load. */
    private static volatile TrustManager[] managers = new TrustManager[0];

    private FileTrustProvider() {
        super(NAME, "1.0", "the journey file's trust store, for every TLS context of the load");
        put("TrustManagerFactory." + NAME, Factory.class.getName());
    }

    /** From now on, every TLS context that asks the JVM's default trust gets {@code trust}. */
    static synchronized void install(TrustManager[] trust) {
        managers = trust.clone();
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new FileTrustProvider(), 1);
        }
        Security.setProperty("ssl.TrustManagerFactory.algorithm", NAME);
    }

    /** The factory the JCA instantiates by name; every instance hands out the installed managers. */
    public static final class Factory extends TrustManagerFactorySpi {
        public Factory() {
            // instantiated by the JCA
        }

        @Override
        protected void engineInit(KeyStore ignored) {
            // the managers were built from the file when installed
        }

        @Override
        protected void engineInit(ManagerFactoryParameters ignored) {
            // as above
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return managers.clone();
        }
    }
}
