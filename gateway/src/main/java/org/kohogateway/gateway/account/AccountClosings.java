package org.kohogateway.gateway.account;

import java.util.ArrayList;
import java.util.List;

import org.kohogateway.gateway.support.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes accounts on their closing date (guideline §5 廃止): once a minute by default
 * ({@code gateway.accounts.closing-cron}, {@code -} turns it off), each account in its own transaction so one failure
 * does not keep the others open.
 */
@Component
public class AccountClosings {

    private static final Logger log = LoggerFactory.getLogger(AccountClosings.class);

    private final OfficialAccounts accounts;
    private final AccountWorkflow workflow;

    AccountClosings(OfficialAccounts accounts, AccountWorkflow workflow) {
        this.accounts = accounts;
        this.workflow = workflow;
    }

    /** Closes every account whose closing date has begun (city time); returns the ids it closed. */
    @Scheduled(cron = "${gateway.accounts.closing-cron:0 * * * * *}", zone = "Asia/Tokyo")
    public List<Long> closeDue() {
        List<Long> closed = new ArrayList<>();
        for (long id : accounts.closingDue(workflow.today())) {
            try {
                workflow.close(id);
                closed.add(id);
            } catch (GatewayException e) {
                // another instance closed it first, or it changed meanwhile: the next run looks again
                log.info("account {} not closed in this run: {}", id, e.getMessage());
            }
        }
        return closed;
    }
}
