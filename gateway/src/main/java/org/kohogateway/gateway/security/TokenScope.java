package org.kohogateway.gateway.security;

import java.util.Collection;

import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The account scope of the API token behind the current request, if the request came with one. */
public final class TokenScope {

    private TokenScope() {
    }

    /** Refuses when the request's token is limited to some accounts and these are not all among them. */
    public static void requireAccounts(Collection<Long> accountIds) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getDetails() instanceof ApiTokens.Grant grant
                && grant.accountIds() != null && !grant.accountIds().containsAll(accountIds)) {
            throw new NotPermittedException("token.accountOutOfScope",
                    "this API token may not act on accounts " + accountIds);
        }
    }
}
