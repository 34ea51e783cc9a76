package io.dropnight.profile;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A journey file's {@code protocol.trustStore}: the certificates its hosts are checked against.
 *
 * @param file     the trust store, resolved against the journey file's folder
 * @param type     {@code PKCS12} or {@code JKS} ({@code trustStoreType}, or by the file's extension)
 * @param password its password, never shown (usually {@code ${env:NAME}})
 */
public record TrustStore(Path file, String type, String password) {
    public TrustStore {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "TrustStore[" + file + ", " + type + "]";
    }
}
