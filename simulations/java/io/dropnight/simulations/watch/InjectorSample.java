package io.dropnight.simulations.watch;

/**
 * One second of the load generator's own state, a line of injector.csv.
 *
 * @param second          seconds since the injection started (the sample's end)
 * @param openFds         open file descriptors of this JVM; the limit when they could not be listed for lack of one
 * @param fdLimit         the process's soft limit of open files; 0 when unknown
 * @param cpuPercent      this JVM's CPU time in the second, percent of all cores
 * @param hotThreadPercent the busiest thread's CPU time in the second, percent of one core (one saturated
 *                        event loop stalls its connections while the process as a whole looks idle)
 * @param gcMillis        GC time in the second, ms
 * @param startedViewers  viewers started since the injection began
 * @param plannedViewers  viewers the plan had started by {@code second} minus the lag grace (0 when not planned: closed model)
 * @param noResponses     requests that got no response at all in the second (transport errors, timeouts)
 * @param fdErrors        of those, the transport errors of an injector out of file descriptors (EMFILE, ENFILE)
 * @param portErrors      ...of an injector's host out of ephemeral ports (EADDRNOTAVAIL, a local bind refused)
 * @param connectRefused  ...of connects the target refused (ECONNREFUSED)
 * @param connectFailed   ...of connects that timed out or found no route
 * @param otherTransport  ...the rest (request timeouts, connections closed or reset)
 */
public record InjectorSample(long second, long openFds, long fdLimit, double cpuPercent, double hotThreadPercent, long gcMillis,
                             long startedViewers, long plannedViewers, long noResponses, long fdErrors, long portErrors,
                             long connectRefused, long connectFailed, long otherTransport) {

    static final String CSV_HEADER = "second,openFds,fdLimit,cpuPercent,hotThreadPercent,gcMillis,startedViewers,plannedViewers,noResponses,"
            + "fdErrors,portErrors,connectRefused,connectFailed,otherTransport";

    /** A second without transport errors classified (where they could not be seen). */
    public InjectorSample(long second, long openFds, long fdLimit, double cpuPercent, double hotThreadPercent, long gcMillis,
                          long startedViewers, long plannedViewers, long noResponses) {
        this(second, openFds, fdLimit, cpuPercent, hotThreadPercent, gcMillis, startedViewers, plannedViewers, noResponses,
                0, 0, 0, 0, 0);
    }

    String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%d,%d,%.1f,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d", second, openFds, fdLimit, cpuPercent,
                hotThreadPercent, gcMillis, startedViewers, plannedViewers, noResponses, fdErrors, portErrors, connectRefused,
                connectFailed, otherTransport);
    }
}
