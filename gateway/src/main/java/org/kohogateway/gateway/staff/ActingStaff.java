package org.kohogateway.gateway.staff;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.ThroughToken;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * The person a request acts for through an API token, and what that token lets them do, for the length of the
 * request (or of the background work it starts, which carries it over with {@link #enter}).
 * <p>
 * {@link StaffDirectory} applies it to every {@link Staff} it loads for that person, so each domain rule that asks
 * "does this person hold role R" sees only the token's roles that the person still holds. Narrowing where the staff
 * record is made, rather than at each use case, is what makes it impossible to forget: there is no other way for
 * the domain to learn someone's roles.
 *
 * @param username the person the token acts for (who issued it)
 * @param roles    the token's roles that the person still holds
 * @param tokenId  recorded in every audit entry the person makes through the token
 * @param decides  the token may take decisions (approve, reject, publish directly, override, grant roles): set
 *                 when its person issued it after a second-factor check
 */
public record ActingStaff(String username, Set<Role> roles, long tokenId, boolean decides) {

    private static final ThreadLocal<ActingStaff> CURRENT = new ThreadLocal<>();

    public ActingStaff {
        roles = Set.copyOf(roles);
    }

    /** Ends what {@link #enter} began, giving the thread back what it acted as before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Acts as {@code acting} on this thread until the scope closes, and marks the audit entries its person makes with
     * the token; {@code null} acts for no token.
     */
    public static Scope enter(@Nullable ActingStaff acting) {
        ActingStaff before = CURRENT.get();
        CURRENT.set(acting);
        Runnable audit = acting == null ? () -> { } : ThroughToken.enter(acting.username(), acting.tokenId());
        return () -> {
            audit.run();
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** The token this thread acts through, if any. */
    public static Optional<ActingStaff> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Refuses a decision taken through a token without the decision scope: decisions are made by people, who prove
     * it with a second factor when they sign in or when they issue a deciding token.
     */
    public static void requireDecisionScope(String username) {
        ActingStaff acting = CURRENT.get();
        if (acting != null && acting.username().equals(username) && !acting.decides()) {
            throw new NotPermittedException("token.noDecisionScope",
                    "this API token was not issued for decisions (approve, reject, publish, override, role grants)");
        }
    }

    /** The person's roles as this thread may use them. */
    static Set<Role> narrow(String username, Set<Role> held) {
        ActingStaff acting = CURRENT.get();
        if (acting == null || !acting.username().equals(username)) {
            return held;
        }
        Set<Role> usable = EnumSet.noneOf(Role.class);
        usable.addAll(held);
        usable.retainAll(acting.roles());
        return usable;
    }
}
