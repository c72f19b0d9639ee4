package org.kohogateway.gateway.dispatch.chaos;

import java.util.SplittableRandom;

/**
 * What the chaos platform does to one request that would create something. The kinds are the ways a real platform
 * loses or garbles an answer; which ones created the post is what makes them dangerous to retry.
 */
public enum Fault {
    /** Answered normally. */
    NONE(false),
    /** The post is created, then the platform answers 5xx (X 503, Graph 500 code 2, LINE 500). */
    ERROR_AFTER_CREATE(true),
    /** The connection is reset before the platform processes the request: nothing is created. */
    RESET_BEFORE(false),
    /** The post is created, then the connection is reset: the answer is lost. */
    RESET_AFTER(true),
    /** The post is created and the answer comes after the connector's read timeout: the answer is lost. */
    SLOW_ANSWER(true),
    /** 429 with Retry-After: nothing is created. */
    RATE_LIMITED(false);

    private final boolean creates;

    Fault(boolean creates) {
        this.creates = creates;
    }

    /** Whether the platform created the post before answering this way. */
    public boolean creates() {
        return creates;
    }

    /**
     * The fault for the {@code attempt}-th creating request (1 = first) carrying {@code text}: a function of the seed
     * and the request's content only, so the same seed injects the same faults into the same deliveries however the
     * two gateways interleave their requests.
     *
     * @param rate share of requests that get a fault, spread evenly over the five kinds
     */
    public static Fault choose(long seed, String text, int attempt, double rate) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + text.hashCode() * 31L + attempt);
        if (random.nextDouble() >= rate) {
            return NONE;
        }
        Fault[] faults = values();
        return faults[1 + random.nextInt(faults.length - 1)];
    }
}
