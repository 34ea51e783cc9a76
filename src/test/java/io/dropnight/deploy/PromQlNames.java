package io.dropnight.deploy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The names a PromQL expression reads, as a dashboard's test needs them: the metric names (series
 * selectors), the label names each selector matches on, and the label names of its grouping and
 * matching clauses ({@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left},
 * {@code group_right}). Not a parser: a tokenizer that skips strings, ranges ({@code [5m]},
 * {@code [$window]}), numbers, Grafana's variables ({@code $night}, {@code ${datasource}}) and
 * every identifier that calls ({@code rate(}, {@code sum (}), and takes the remaining identifiers
 * that are not keywords as metric names. A selector that names its metric by {@code __name__} is
 * refused: its name could not be checked.
 *
 * @param metrics        metric names, in order of first appearance
 * @param selectorLabels for each metric name, the label names its selectors match on
 * @param groupingLabels label names of every grouping and matching clause
 */
record PromQlNames(Set<String> metrics, Map<String, Set<String>> selectorLabels, Set<String> groupingLabels) {
    /** Clauses followed by a parenthesised list of label names. */
    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    /** Words that are neither metrics nor calls: set operators, modifiers, special numbers. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    /**
     * Reads one expression.
     *
     * @throws IllegalArgumentException on an unclosed string, brace or bracket, or a {@code __name__} matcher
     */
    static PromQlNames of(String expr) {
        Objects.requireNonNull(expr, "expr");
        return new Scanner(expr).scan();
    }

    private static final class Scanner {
        private final String s;
        private int i;
        private final Set<String> metrics = new LinkedHashSet<>();
        private final Map<String, Set<String>> selectorLabels = new LinkedHashMap<>();
        private final Set<String> grouping = new LinkedHashSet<>();
        /** The metric name just read, for the label matchers that may follow it. */
        private String selectorOf;

        Scanner(String s) {
            this.s = s;
        }

        PromQlNames scan() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                if (c == '{') {
                    matchers(selectorOf);
                } else if (c == '"' || c == '\'' || c == '`') {
                    skipString();
                } else if (c == '[') {
                    skipPast(']');
                } else if (c == '#') {
                    skipPast('\n');
                } else if (c == '$') {
                    skipVariable();
                } else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
                        i++;
                    }
                } else if (isNameStart(c)) {
                    word();
                    continue; // selectorOf was set (or cleared) by word()
                } else {
                    i++;
                }
                selectorOf = null;
            }
            return new PromQlNames(metrics, selectorLabels, grouping);
        }

        private void word() {
            String w = name();
            String lower = w.toLowerCase(Locale.ROOT);
            selectorOf = null;
            if (GROUPING.contains(lower)) {
                skipSpaces();
                if (i < s.length() && s.charAt(i) == '(') {
                    i++;
                    labelList();
                }
            } else if (KEYWORDS.contains(lower)) {
                return;
            } else {
                skipSpaces();
                if (i < s.length() && s.charAt(i) == '(' || groupingFollows()) {
                    return; // a function, or an aggregation (sum by (outcome) (...))
                }
                metrics.add(w);
                selectorOf = w;
            }
        }

        /** Whether {@code by} or {@code without} comes next: what follows an aggregation's name, never a metric's. */
        private boolean groupingFollows() {
            int end = i;
            while (end < s.length() && (isNameStart(s.charAt(end)) || Character.isDigit(s.charAt(end)))) {
                end++;
            }
            String next = s.substring(i, end).toLowerCase(Locale.ROOT);
            return next.equals("by") || next.equals("without");
        }

        /** {@code by (a, b)}: the names up to the closing parenthesis. */
        private void labelList() {
            while (true) {
                skipSpaces();
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unclosed label list in " + s);
                }
                char c = s.charAt(i);
                if (c == ')') {
                    i++;
                    return;
                }
                if (c == ',') {
                    i++;
                } else if (isNameStart(c)) {
                    grouping.add(name());
                } else {
                    throw new IllegalArgumentException("unexpected '" + c + "' in a label list of " + s);
                }
            }
        }

        /** {@code {night="$night", outcome!~"ok|failed"}}: the label names, for {@code metric} (null: a bare selector). */
        private void matchers(String metric) {
            i++; // {
            Set<String> labels = selectorLabels.computeIfAbsent(metric == null ? "" : metric, k -> new LinkedHashSet<>());
            while (true) {
                skipSpaces();
                if (i >= s.length()) {
                    throw new IllegalArgumentException("unclosed '{' in " + s);
                }
                char c = s.charAt(i);
                if (c == '}') {
                    i++;
                    break;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    skipString();
                } else if (isNameStart(c)) {
                    String label = name();
                    if (label.equals("__name__")) {
                        throw new IllegalArgumentException("a selector naming its metric by __name__ cannot be checked: " + s);
                    }
                    labels.add(label);
                } else {
                    i++; // = != =~ !~ ,
                }
            }
            if (metric == null && labels.isEmpty()) {
                selectorLabels.remove("");
            }
        }

        private String name() {
            int start = i;
            while (i < s.length() && (isNameStart(s.charAt(i)) || Character.isDigit(s.charAt(i)))) {
                i++;
            }
            return s.substring(start, i);
        }

        private void skipString() {
            char quote = s.charAt(i++);
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    return;
                }
            }
            throw new IllegalArgumentException("unclosed string in " + s);
        }

        private void skipPast(char end) {
            int at = s.indexOf(end, i);
            if (at < 0 && end != '\n') {
                throw new IllegalArgumentException("unclosed '" + s.charAt(i) + "' in " + s);
            }
            i = at < 0 ? s.length() : at + 1;
        }

        /** {@code $night}, {@code ${datasource}}, {@code $__rate_interval}. */
        private void skipVariable() {
            i++;
            if (i < s.length() && s.charAt(i) == '{') {
                skipPast('}');
                return;
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
        }

        private void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
        }
    }
}
