package io.dropnight.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromQlNamesTest {

    static Stream<Arguments> expressions() {
        return Stream.of(
                Arguments.of("dropnight_viewers_active", List.of("dropnight_viewers_active")),
                Arguments.of("sum by (outcome) (rate(dropnight_requests_total{night=\"$night\"}[$window]))",
                        List.of("dropnight_requests_total")),
                Arguments.of("sum(rate(a_total[10s])) without (pod) / on (night) group_left (slo) b", List.of("a_total", "b")),
                Arguments.of("histogram_quantile(0.99, sum by (le, endpoint) (rate(x_bucket{night=~\"$night\"}[1m:10s] offset 5m)))",
                        List.of("x_bucket")),
                Arguments.of("max(dropnight_seconds_to_drop{night='a b', x!~\"}[{\\\"\"}) > bool 1e-3 or vector(0)",
                        List.of("dropnight_seconds_to_drop")),
                Arguments.of("label_replace(up, \"dst\", \"$1\", \"instance\", \"(.*)\") and ON(job) down", List.of("up", "down")),
                Arguments.of("sum   (rate (a[${window}])) * 100", List.of("a")),
                Arguments.of("a:recorded:rate5m unless b # a comment naming c", List.of("a:recorded:rate5m", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void readsTheMetricNamesOfAnExpression(String expr, List<String> names) {
        assertEquals(names, List.copyOf(PromQlNames.of(expr).metrics()), expr);
    }

    @Test
    void readsTheLabelsEachSelectorMatchesAndEveryGroupingClause() {
        PromQlNames n = PromQlNames.of("sum by (le, endpoint) (rate(d_bucket{night=\"$night\", outcome!=\"failed\"}[$window]))"
                + " / on (night) group_left sum without (pod) (e{slo=~\"a|b\"})");
        assertEquals(Map.of("d_bucket", Set.of("night", "outcome"), "e", Set.of("slo")), n.selectorLabels());
        assertEquals(Set.of("le", "endpoint", "night", "pod"), n.groupingLabels());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(a{night=\"x}[1m])", "a{night=\"x\"", "rate(a[1m)", "sum by (le (a)", "{__name__=\"a\"}"})
    void refusesWhatItCannotRead(String expr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromQlNames.of(expr));
        assertTrue(e.getMessage().contains(expr), e.getMessage());
    }
}
