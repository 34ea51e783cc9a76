package io.dropnight.capacity;

import io.dropnight.core.Endpoint;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the virtual backend did, per endpoint, since it was built. Thread-safe. */
final class BackendCounters {
    private final EnumMap<Endpoint, LongAdder> admitted = adders();
    private final EnumMap<Endpoint, LongAdder> rejected = adders();
    private final EnumMap<Endpoint, LongAdder> failed = adders();
    private final EnumMap<Endpoint, LongAdder> served = adders();

    private static EnumMap<Endpoint, LongAdder> adders() {
        EnumMap<Endpoint, LongAdder> map = new EnumMap<>(Endpoint.class);
        for (Endpoint e : Endpoint.values()) {
            map.put(e, new LongAdder());
        }
        return map;
    }

    void admitted(Endpoint e) {
        admitted.get(e).increment();
    }

    void rejected(Endpoint e) {
        rejected.get(e).increment();
    }

    void failed(Endpoint e) {
        failed.get(e).increment();
    }

    void served(Endpoint e) {
        served.get(e).increment();
    }

    long admitted() {
        return total(admitted);
    }

    long failed() {
        return total(failed);
    }

    long served() {
        return total(served);
    }

    /** Rejections per modelled endpoint, in the endpoints' order. */
    Map<Endpoint, Long> rejectedByEndpoint() {
        Map<Endpoint, Long> out = new EnumMap<>(Endpoint.class);
        rejected.forEach((e, n) -> {
            if (e.modelled()) {
                out.put(e, n.sum());
            }
        });
        return out;
    }

    /** Admissions per endpoint (the observed mix). */
    Map<Endpoint, Long> admittedByEndpoint() {
        Map<Endpoint, Long> out = new EnumMap<>(Endpoint.class);
        admitted.forEach((e, n) -> out.put(e, n.sum()));
        return out;
    }

    private static long total(EnumMap<Endpoint, LongAdder> map) {
        return map.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
