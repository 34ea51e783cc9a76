package io.dropnight.capacity;

/** What the virtual backend did with one request. */
public enum Verdict {
    /** Served after the modelled queueing and service time. */
    SERVED,
    /** Shed by the overload policy or a full queue: answer with the branded error page, 503. */
    REJECTED,
    /** The modelled backend is in an outage: answer with the branded error page, 503. */
    FAILED
}
