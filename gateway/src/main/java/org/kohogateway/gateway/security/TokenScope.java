package org.kohogateway.gateway.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The account scope of the API token behind the current request, if the request came with one. */
public final class TokenScope {

    private TokenScope() {
    }

    /** Refuses when the request's token is limited to some accounts and these are not all among them. */
    public static void requireAccounts(Collection<Long> accountIds) {
        List<Long> scope = scope();
        if (scope != null && !scope.containsAll(accountIds)) {
            throw new NotPermittedException("token.accountOutOfScope",
                    "this API token may not act on accounts " + accountIds);
        }
    }

    /**
     * Refuses when the request's token is limited to some accounts and those {@code accountIds} names are not all
     * among them; looks them up only for such a token.
     */
    public static void requireAccounts(Supplier<? extends Collection<Long>> accountIds) {
        if (scope() != null) {
            requireAccounts(accountIds.get());
        }
    }

    /** The accounts the request's token is limited to; null when the request is not limited to some. */
    public static @Nullable List<Long> accountIds() {
        return scope();
    }

    private static @Nullable List<Long> scope() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getDetails() instanceof ApiTokens.Grant grant
                ? grant.accountIds() : null;
    }
}
