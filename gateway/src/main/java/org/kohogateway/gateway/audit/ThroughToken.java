package org.kohogateway.gateway.audit;

import org.jspecify.annotations.Nullable;

/**
 * The API token the current thread's person acts through, so that every audit entry they make names it in its
 * detail ({@code "token"}) while the actor stays the person. Set together with the narrowed roles, by
 * {@code staff.ActingStaff}; the audit trail does not depend on who sets it.
 */
public final class ThroughToken {

    private record Current(String username, long tokenId) {
    }

    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private ThroughToken() {
    }

    /** Marks this thread's entries by {@code username} as made through the token; run the answer to undo it. */
    public static Runnable enter(String username, long tokenId) {
        Current before = CURRENT.get();
        CURRENT.set(new Current(username, tokenId));
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** The token through which {@code actor} acts on this thread, if any. */
    static @Nullable Long of(String actor) {
        Current current = CURRENT.get();
        return current != null && current.username().equals(actor) ? current.tokenId() : null;
    }
}
