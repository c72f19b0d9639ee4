package org.kohogateway.gateway.post;

import org.kohogateway.gateway.account.AccountClosed;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Cancels what was still to be sent to an account that closed (guideline §5 廃止). A plain listener on purpose: it runs
 * in the closing transaction, so the account never stands closed with deliveries still queued for it.
 */
@Component
class AccountClosure {

    private final Posts posts;

    AccountClosure(Posts posts) {
        this.posts = posts;
    }

    @EventListener
    void on(AccountClosed closed) {
        for (Post post : posts.withPendingDeliveriesTo(closed.accountId())) {
            post.accountClosed(closed.accountId(), closed.reason(), closed.closedAt());
            posts.update(post, AuditTrail.SYSTEM);
        }
    }
}
