package io.dropnight.learn.log;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * nginx's {@code combined} format,
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"},
 * and fields appended after it (quoted, or single words), such as a viewer id header
 * ({@code "$http_x_viewer"}). The referer and user agent may be left out (the common format) unless
 * the viewer key needs them. Read by hand, without regular expressions or a copy of the line: the
 * learner's cost is this method. {@code $time_local} is whole seconds; the last one parsed is cached,
 * as consecutive lines mostly share it. One per pass: not thread-safe.
 */
final class CombinedParser implements LineParser {
    private static final int TIME_LENGTH = "27/Nov/2026:01:00:00 +0000".length();
    /** {@code $time_local}'s months: English, whatever the server's locale. */
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final ViewerKey key;
    private String cachedTime = "";
    private long cachedEpochSecond;

    CombinedParser(ViewerKey key) {
        this.key = key;
    }

    @Override
    public Outcome parse(String line, LogLine into) {
        into.clear();
        int addrEnd = line.indexOf(' ');
        if (addrEnd <= 0 || !line.startsWith(" - ", addrEnd)) {
            return Outcome.UNPARSABLE;
        }
        int userFrom = addrEnd + 3;
        int bracket = line.indexOf(" [", userFrom - 1);
        if (bracket < 0 || line.length() < bracket + 2 + TIME_LENGTH + 3) {
            return Outcome.UNPARSABLE;
        }
        int timeFrom = bracket + 2;
        if (line.charAt(timeFrom + TIME_LENGTH) != ']' || !time(line, timeFrom, into)) {
            return Outcome.UNPARSABLE;
        }
        int quote = timeFrom + TIME_LENGTH + 2;
        if (line.charAt(quote - 1) != ' ' || line.charAt(quote) != '"') {
            return Outcome.UNPARSABLE;
        }
        int requestEnd = line.indexOf('"', quote + 1); // nginx writes a quote inside a field as \x22
        int methodEnd = line.indexOf(' ', quote + 1);
        if (requestEnd < 0 || methodEnd < 0 || methodEnd >= requestEnd || methodEnd == quote + 1) {
            return Outcome.UNPARSABLE;
        }
        int pathEnd = methodEnd + 1;
        while (pathEnd < requestEnd && line.charAt(pathEnd) != ' ' && line.charAt(pathEnd) != '?') {
            pathEnd++;
        }
        if (pathEnd == methodEnd + 1 || line.charAt(methodEnd + 1) != '/') {
            return Outcome.UNPARSABLE;
        }
        int s = requestEnd + 2;
        if (line.length() < s + 3 || line.charAt(requestEnd + 1) != ' ' || (line.length() > s + 3 && line.charAt(s + 3) != ' ')) {
            return Outcome.UNPARSABLE;
        }
        int status = digit(line, s) * 100 + digit(line, s + 1) * 10 + digit(line, s + 2);
        if (status < 100 || status > 599) {
            return Outcome.UNPARSABLE;
        }
        into.method = line.substring(quote + 1, methodEnd);
        into.path = line.substring(methodEnd + 1, pathEnd);
        into.status = status;
        return viewer(line, addrEnd, userFrom, bracket, s + 3, into);
    }

    private Outcome viewer(String line, int addrEnd, int userFrom, int userEnd, int afterStatus, LogLine into) {
        switch (key.kind()) {
            case ADDRESS -> {
                return found(ViewerHash.of(line, 0, addrEnd), into);
            }
            case USER -> {
                return missing(line, userFrom, userEnd) ? Outcome.NO_VIEWER : found(ViewerHash.of(line, userFrom, userEnd), into);
            }
            default -> {
                // After the status: the bytes sent, then the referer and the user agent, then the extra fields.
                int[] field = new int[2];
                int at = nextField(line, afterStatus, field); // bytes
                for (int i = 0; i < 2; i++) {
                    at = nextField(line, at, field);
                    if (at < 0 || line.charAt(field[0] - 1) != '"') {
                        return at < 0 && key.kind() == ViewerKey.Kind.EXTRA ? Outcome.NO_VIEWER : Outcome.UNPARSABLE;
                    }
                }
                if (key.kind() == ViewerKey.Kind.ADDRESS_AGENT) {
                    return found(ViewerHash.of(line, 0, addrEnd, line, field[0], field[1]), into);
                }
                for (int i = 0; i < key.extra(); i++) {
                    at = nextField(line, at, field);
                    if (at < 0) {
                        return Outcome.NO_VIEWER;
                    }
                }
                return missing(line, field[0], field[1]) ? Outcome.NO_VIEWER : found(ViewerHash.of(line, field[0], field[1]), into);
            }
        }
    }

    private static Outcome found(long viewer, LogLine into) {
        into.viewer = viewer;
        return Outcome.PARSED;
    }

    /** nginx logs an absent variable as {@code -}. */
    private static boolean missing(String line, int from, int to) {
        return to <= from || to == from + 1 && line.charAt(from) == '-';
    }

    /**
     * The next space-separated field from {@code at}: a quoted one's content, or a word. Its bounds
     * go into {@code bounds}; returns where the field ends (after its closing quote), -1 when there is none.
     */
    private static int nextField(String line, int at, int[] bounds) {
        if (at < 0 || at >= line.length() || line.charAt(at) != ' ' || at + 1 >= line.length()) {
            return -1;
        }
        int from = at + 1;
        if (line.charAt(from) == '"') {
            int close = line.indexOf('"', from + 1);
            if (close < 0) {
                return -1;
            }
            bounds[0] = from + 1;
            bounds[1] = close;
            return close + 1;
        }
        int end = line.indexOf(' ', from);
        end = end < 0 ? line.length() : end;
        bounds[0] = from;
        bounds[1] = end;
        return end;
    }

    private static int digit(String line, int i) {
        char c = line.charAt(i);
        return c >= '0' && c <= '9' ? c - '0' : -1000;
    }

    /** {@code 27/Nov/2026:01:00:00 +0000} at {@code from}, into epoch seconds. */
    private boolean time(String line, int from, LogLine into) {
        if (line.regionMatches(from, cachedTime, 0, TIME_LENGTH)) {
            into.epochSecond = cachedEpochSecond;
            return true;
        }
        int day = number(line, from, 2);
        int month = month(line, from + 3);
        int year = number(line, from + 7, 4);
        int hour = number(line, from + 12, 2);
        int minute = number(line, from + 15, 2);
        int second = number(line, from + 18, 2);
        char sign = line.charAt(from + 21);
        int offHours = number(line, from + 22, 2);
        int offMinutes = number(line, from + 24, 2);
        if (line.charAt(from + 2) != '/' || line.charAt(from + 6) != '/' || line.charAt(from + 11) != ':'
                || line.charAt(from + 20) != ' ' || (sign != '+' && sign != '-') || month < 1
                || (day | year | hour | minute | second | offHours | offMinutes) < 0 || hour > 23 || minute > 59 || second > 60) {
            return false;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return false; // 31/Feb: not a time; the line is counted as unparsable
        }
        int offset = (sign == '-' ? -1 : 1) * (offHours * 3600 + offMinutes * 60);
        cachedEpochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offset;
        cachedTime = line.substring(from, from + TIME_LENGTH);
        into.epochSecond = cachedEpochSecond;
        return true;
    }

    private static int number(String line, int from, int digits) {
        int n = 0;
        for (int i = from; i < from + digits; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static int month(String line, int from) {
        for (int m = 0; m < 12; m++) {
            if (line.startsWith(MONTHS[m], from)) {
                return m + 1;
            }
        }
        return -1;
    }
}
