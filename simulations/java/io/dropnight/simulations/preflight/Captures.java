package io.dropnight.simulations.preflight;

import io.dropnight.profile.Capture;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preflight's reading of a {@link Capture}, as Gatling's checks read it during the night: a
 * header's first value; a cookie's value from the answer's {@code Set-Cookie}; a regex's first group
 * (its whole match when it has none), or with {@code all} every one as a list. Stateless.
 */
final class Captures {
    private Captures() {
    }

    static Optional<Object> read(Capture capture, HttpHeaders headers, String body) {
        return switch (capture.kind()) {
            case HEADER -> headers.firstValue(capture.expression()).map(v -> v);
            case COOKIE -> {
                Pattern cookie = Pattern.compile(capture.setCookieValuePattern());
                yield headers.allValues("Set-Cookie").stream().map(cookie::matcher).filter(Matcher::find)
                        .map(m -> (Object) m.group(1)).findFirst();
            }
            case REGEX -> {
                Matcher m = Pattern.compile(capture.expression()).matcher(body == null ? "" : body);
                List<String> all = new ArrayList<>();
                while (m.find()) {
                    all.add(m.groupCount() > 0 ? m.group(1) : m.group());
                    if (!capture.all()) {
                        break;
                    }
                }
                yield all.isEmpty() ? Optional.empty() : Optional.of(capture.all() ? (Object) List.copyOf(all) : all.get(0));
            }
        };
    }
}
