package io.dropnight.learn.journey;

import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.Role;
import io.dropnight.profile.TargetProfile;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names for the draft's hosts and steps. The main host, the one most non-asset requests went to,
 * is {@code api} ({@code -Dtarget} replaces it); the others are named after their first DNS label.
 * A step is named after the last word of its path (no id, no reference, no extension), a group
 * after the kind of assets it fetches; names are made unique with {@code -2}, {@code -3}.
 * Stateless.
 */
final class StepNames {
    private StepNames() {
    }

    /** Host name → origin, {@code api} first. */
    static Map<String, String> hosts(List<Exchange> nonAssets, List<Exchange> all) {
        Map<String, Long> counts = nonAssets.stream().collect(Collectors.groupingBy(Exchange::origin, LinkedHashMap::new, Collectors.counting()));
        String main = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(all.get(0).origin()); // max keeps the first of equals: the first seen
        Map<String, String> hosts = new LinkedHashMap<>();
        hosts.put(TargetProfile.TARGET_HOST, main);
        Set<String> origins = all.stream().map(Exchange::origin).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        for (String origin : origins) {
            if (hosts.containsValue(origin)) {
                continue;
            }
            String host = java.net.URI.create(origin).getHost();
            String label = host.matches("[0-9.]+|\\[.*]") ? "host" : host.split("\\.")[0].replaceAll("[^A-Za-z0-9_-]", "-");
            label = label.isEmpty() || !Character.isLetter(label.charAt(0)) ? "host" + label : label;
            hosts.put(unique(label, hosts::containsKey), origin);
        }
        return hosts;
    }

    /** Gives every step a unique name; the wait-for-drop step's reloads' endpoint ({@code name-poll}) is kept free too. */
    static void name(List<DraftStep> steps) {
        // playback-start is the play step's endpoint whatever its name (docs/JOURNEYS.md).
        Set<String> taken = new HashSet<>(Set.of(TargetProfile.PLAY_ENDPOINT));
        for (DraftStep s : steps) {
            String base = s.group() ? groupName(s) : word(s.call());
            String name = unique(base, n -> taken.contains(n) || s.role == Role.WAIT_FOR_DROP && taken.contains(n + ProfileReader.POLL_SUFFIX));
            taken.add(name);
            if (s.role == Role.WAIT_FOR_DROP) {
                taken.add(name + ProfileReader.POLL_SUFFIX);
            }
            s.name = name;
        }
    }

    private static String groupName(DraftStep s) {
        Set<String> kinds = s.calls.stream().map(c -> AssetRule.kind(c.recorded)).collect(Collectors.toSet());
        return kinds.size() == 1 ? kinds.iterator().next() : "assets";
    }

    /** The last word of the request's path: not an id, not a {@code #{reference}}, without its extension. */
    private static String word(DraftCall c) {
        String path = c.absolute ? c.recorded.url().getRawPath() : c.address.split("\\?", 2)[0];
        String[] segments = path == null ? new String[0] : path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            String seg = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8).replaceFirst("\\.[A-Za-z0-9]{1,5}$", "");
            if (seg.isEmpty() || seg.contains("#{") || seg.contains("${") || Names.generated(seg) || seg.matches("\\d+")) {
                continue;
            }
            String word = seg.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
            if (!word.isEmpty()) {
                return word.length() > 36 ? word.substring(0, 36) : word.toLowerCase(Locale.ROOT);
            }
        }
        return path == null || path.equals("/") || path.isEmpty() ? "home" : c.method.toLowerCase(Locale.ROOT);
    }

    private static String unique(String base, Function<String, Boolean> taken) {
        String name = base;
        for (int n = 2; taken.apply(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
