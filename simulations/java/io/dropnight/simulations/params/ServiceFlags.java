package io.dropnight.simulations.params;

import io.dropnight.core.ServeFlags;
import io.dropnight.core.ServiceDefaults;

import io.dropnight.server.ErrorPage;
import io.dropnight.shedding.OverloadPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Capacity and policy flags handed to the embedded service; a night differs from another by these,
 * not by code. Unset values leave the service's own defaults. Immutable.
 *
 * @param policy        {@code -Dpolicy}: none, fixed, adaptive or priority (default fixed: the branded error page)
 * @param slots         {@code -Dslots}: full-size backend slots
 * @param queueLimit    {@code -DqueueLimit}: full-size wait-queue bound
 * @param seed          {@code -Dseed}: catalogue and service-time seed; also the viewers' choices (episode, refresh pauses)
 * @param singleFlight  {@code -DsingleFlight}: coalesce cache misses
 * @param prewarm       {@code -Dprewarm}: pre-warm the title cache at the drop
 * @param unconstrained {@code -Dunconstrained}: turn the capacity model off (measures the harness)
 * @param serviceTimes  {@code -DserviceTime=ENDPOINT=SPEC,...}: per-endpoint service-time overrides
 * @param errorPageStatus {@code -DerrorPageStatus}: status the service gives its error page (503, or
 *                        200 as some deployments do; viewers still recognise it by its marker)
 */
public record ServiceFlags(String policy, OptionalInt slots, OptionalInt queueLimit, long seed,
                           boolean singleFlight, boolean prewarm, boolean unconstrained, List<String> serviceTimes,
                           OptionalInt errorPageStatus) {

    public static final String POLICY = "policy";
    public static final String SLOTS = "slots";
    public static final String QUEUE_LIMIT = "queueLimit";
    public static final String SEED = "seed";
    public static final String SINGLE_FLIGHT = "singleFlight";
    public static final String PREWARM = "prewarm";
    public static final String UNCONSTRAINED = "unconstrained";
    public static final String SERVICE_TIME = "serviceTime";
    public static final String ERROR_PAGE_STATUS = "errorPageStatus";

    public ServiceFlags {
        if (OverloadPolicy.byConfigName(policy).isEmpty()) {
            throw new ParameterException(POLICY, policy, OverloadPolicy.RULE);
        }
        slots.ifPresent(v -> atLeast(SLOTS, v, 1));
        queueLimit.ifPresent(v -> atLeast(QUEUE_LIMIT, v, 0));
        serviceTimes = List.copyOf(serviceTimes);
        errorPageStatus.ifPresent(v -> {
            if (!ErrorPage.allowedStatus(v)) {
                throw new ParameterException(ERROR_PAGE_STATUS, v, ErrorPage.STATUS_RULE);
            }
        });
    }

    static ServiceFlags fromProperties(UnaryOperator<String> get) {
        return new ServiceFlags(
                Values.orElse(get.apply(POLICY), "fixed").toLowerCase(Locale.ROOT),
                optionalInt(SLOTS, get.apply(SLOTS)),
                optionalInt(QUEUE_LIMIT, get.apply(QUEUE_LIMIT)),
                Values.whole(SEED, Values.orElse(get.apply(SEED), Long.toString(ServiceDefaults.SEED))),
                Values.bool(SINGLE_FLIGHT, Values.orElse(get.apply(SINGLE_FLIGHT), "false")),
                Values.bool(PREWARM, Values.orElse(get.apply(PREWARM), "false")),
                Values.bool(UNCONSTRAINED, Values.orElse(get.apply(UNCONSTRAINED), "false")),
                Values.serviceTimes(SERVICE_TIME, get.apply(SERVICE_TIME)),
                optionalInt(ERROR_PAGE_STATUS, get.apply(ERROR_PAGE_STATUS)));
    }

    /** The command-line flags for {@code dropnight serve}, scale and drop excluded (the simulation owns those). */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(ServeFlags.POLICY, policy, ServeFlags.SEED, Long.toString(seed)));
        slots.ifPresent(v -> args.addAll(List.of(ServeFlags.SLOTS, Integer.toString(v))));
        queueLimit.ifPresent(v -> args.addAll(List.of(ServeFlags.QUEUE_LIMIT, Integer.toString(v))));
        if (singleFlight) {
            args.add(ServeFlags.SINGLE_FLIGHT);
        }
        if (prewarm) {
            args.add(ServeFlags.PREWARM);
        }
        if (unconstrained) {
            args.add(ServeFlags.UNCONSTRAINED);
        }
        for (String st : serviceTimes) {
            args.addAll(List.of(ServeFlags.SERVICE_TIME, st));
        }
        errorPageStatus.ifPresent(v -> args.addAll(List.of(ServeFlags.ERROR_PAGE_STATUS, Integer.toString(v))));
        return List.copyOf(args);
    }

    /** The same flags as properties {@link #fromProperties} reads back to an equal value. */
    void putInto(Map<String, String> props) {
        props.put(POLICY, policy);
        slots.ifPresent(v -> props.put(SLOTS, Integer.toString(v)));
        queueLimit.ifPresent(v -> props.put(QUEUE_LIMIT, Integer.toString(v)));
        props.put(SEED, Long.toString(seed));
        props.put(SINGLE_FLIGHT, Boolean.toString(singleFlight));
        props.put(PREWARM, Boolean.toString(prewarm));
        props.put(UNCONSTRAINED, Boolean.toString(unconstrained));
        if (!serviceTimes.isEmpty()) {
            props.put(SERVICE_TIME, String.join(",", serviceTimes));
        }
        errorPageStatus.ifPresent(v -> props.put(ERROR_PAGE_STATUS, Integer.toString(v)));
    }

    /** The same flags under another overload policy (validated as -Dpolicy). */
    public ServiceFlags withPolicy(String value) {
        return new ServiceFlags(value.toLowerCase(Locale.ROOT), slots, queueLimit, seed, singleFlight, prewarm, unconstrained,
                serviceTimes, errorPageStatus);
    }

    /** The same flags with the embedded service's full-size slots and queue bound set. */
    public ServiceFlags withCapacity(int slotsValue, int queueLimitValue) {
        return new ServiceFlags(policy, OptionalInt.of(slotsValue), OptionalInt.of(queueLimitValue), seed, singleFlight, prewarm,
                unconstrained, serviceTimes, errorPageStatus);
    }

    private static OptionalInt optionalInt(String property, String text) {
        return Optional.ofNullable(text).map(t -> OptionalInt.of((int) Math.max(Integer.MIN_VALUE,
                Math.min(Integer.MAX_VALUE, Values.whole(property, t))))).orElse(OptionalInt.empty());
    }

    private static void atLeast(String property, int value, int min) {
        if (value < min) {
            throw new ParameterException(property, value, "must be a whole number >= " + min);
        }
    }
}
