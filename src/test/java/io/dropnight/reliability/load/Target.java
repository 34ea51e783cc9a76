package io.dropnight.reliability.load;

import java.util.Objects;

/**
 * One stream of open-model arrivals: a request and its rate.
 *
 * @param name          label for results and the {@code X-Scenario} header (e.g. {@code playback-start})
 * @param method        GET or POST (a POST sends {@code {}})
 * @param path          request target, e.g. {@code /api/home}
 * @param bearer        session token, or null
 * @param ratePerSecond arrivals per second, &gt; 0
 */
public record Target(String name, String method, String path, String bearer, double ratePerSecond) {
    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must be a finite number > 0, got " + ratePerSecond);
        }
    }

    public Target withRate(double value) {
        return new Target(name, method, path, bearer, value);
    }
}
