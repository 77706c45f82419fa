package com.clientalbums.local.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which requests the wire spoils: one in every {@code every} requests to each service, at a
 * position in that block drawn from a generator of the service's own, seeded from the run's seed.
 * So the n-th request to a service always gets the same decision (which call is the n-th depends
 * on the order the threads arrive in), and even a service called twenty times gets its share. Of
 * the spoiled requests, errors and throttling are half, the rest split between held requests and
 * resets before and after the server acted.
 */
public final class FaultPlan {
    private final int every;
    private final Map<Service, Stream> streams = new EnumMap<>(Service.class);
    private final Map<Service, Map<Fault, AtomicLong>> counts = new EnumMap<>(Service.class);

    /** One service's decisions, in the order its requests arrive. */
    private static final class Stream {
        private final Random random;
        private long index;
        private long faultedInBlock;

        Stream(long seed) {
            this.random = new Random(seed);
        }
    }

    /** @param every one request in this many to each service is spoiled (10: a tenth) */
    public FaultPlan(long seed, int every) {
        if (every < 1) throw new IllegalArgumentException("every must be at least 1");
        this.every = every;
        for (Service s : Service.values()) {
            Map<Fault, AtomicLong> perFault = new EnumMap<>(Fault.class);
            for (Fault f : Fault.values()) perFault.put(f, new AtomicLong());
            counts.put(s, perFault);
            streams.put(s, new Stream(seed * 31 + s.ordinal()));
        }
    }

    /** The decision for the next request to {@code service}, counted. */
    public Fault next(Service service) {
        Fault fault = decide(streams.get(service));
        counts.get(service).get(fault).incrementAndGet();
        return fault;
    }

    private Fault decide(Stream stream) {
        synchronized (stream) {
            long position = stream.index++ % every;
            if (position == 0) stream.faultedInBlock = stream.random.nextInt(every);
            if (position != stream.faultedInBlock) return Fault.NONE;
            double kind = stream.random.nextDouble();
            if (kind < 0.25) return Fault.SERVER_ERROR;
            if (kind < 0.50) return Fault.THROTTLED;
            if (kind < 0.70) return Fault.TIMEOUT;
            if (kind < 0.85) return Fault.RESET_MID_REQUEST;
            return Fault.RESET_MID_RESPONSE;
        }
    }

    public long count(Service service, Fault fault) {
        return counts.get(service).get(fault).get();
    }

    /** How often {@code fault} was injected, over all services. */
    public long count(Fault fault) {
        return counts.values().stream().mapToLong(c -> c.get(fault).get()).sum();
    }

    public long requests(Service service) {
        return counts.get(service).values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long faults(Service service) {
        return requests(service) - count(service, Fault.NONE);
    }

    /** One line per service: requests, then each fault's count. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (Service s : Service.values()) {
            out.append(String.format("%-8s %6d requests, %5d faulted:", s, requests(s), faults(s)));
            for (Fault f : Fault.values()) {
                if (f != Fault.NONE) out.append(' ').append(f.name().toLowerCase()).append('=').append(count(s, f));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
