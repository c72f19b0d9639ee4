package org.kohogateway.gateway.web;

import java.net.URI;
import java.util.List;

import org.kohogateway.connectors.PlatformText;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.springframework.stereotype.Component;

/**
 * Each account a text goes to, with the text exactly as that account's platform receives it ({@link PlatformText}):
 * what the confirmation of a post and the preview of a filled template show, so that both show what goes out.
 */
@Component
class SentTexts {

    /** One account, and the text as its platform receives it. */
    record Target(OfficialAccount account, String text) {
    }

    private final OfficialAccounts accounts;

    SentTexts(OfficialAccounts accounts) {
        this.accounts = accounts;
    }

    List<Target> of(List<Long> accountIds, String text, List<URI> links, boolean withMedia) {
        return accountIds.stream().map(accounts::get)
                .map(a -> new Target(a, PlatformText.sent(a.platform(), text, links, withMedia))).toList();
    }
}
