package org.kohogateway.gateway.dispatch;

import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ProfileReader;
import org.springframework.stereotype.Component;

/** Reads live profiles through the same per-account connectors the dispatcher sends with. */
@Component
class ConnectorProfileReader implements ProfileReader {

    private final ConnectorRegistry connectors;
    private final OfficialAccounts accounts;

    ConnectorProfileReader(ConnectorRegistry connectors, OfficialAccounts accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    @Override
    public ProfileReading read(long accountId) {
        try {
            return connectors.forAccount(accountId, accounts.get(accountId).platform()).readProfile();
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            return new ProfileReading.Failed(e.getMessage());
        }
    }
}
