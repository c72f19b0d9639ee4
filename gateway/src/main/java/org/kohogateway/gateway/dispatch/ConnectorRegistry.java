package org.kohogateway.gateway.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.connectors.line.LineSettings;
import org.kohogateway.gateway.account.CredentialsReplaced;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** One connector per account, built from its sealed credentials on first use and rebuilt when they change. */
@Component
class ConnectorRegistry {

    private final OfficialAccounts accounts;
    private final PlatformProperties platforms;
    private final Map<Long, PlatformConnector> connectors = new ConcurrentHashMap<>();

    ConnectorRegistry(OfficialAccounts accounts, PlatformProperties platforms) {
        this.accounts = accounts;
        this.platforms = platforms;
    }

    PlatformConnector forAccount(long accountId, Platform platform) {
        return connectors.computeIfAbsent(accountId, id -> create(id, platform));
    }

    @EventListener
    void on(CredentialsReplaced event) {
        connectors.remove(event.accountId());
    }

    private PlatformConnector create(long accountId, Platform platform) {
        PlatformCredentials credentials = accounts.credentials(accountId);
        return switch (platform) {
            case LINE -> {
                String token = credentials.get(PlatformCredentials.LINE_CHANNEL_ACCESS_TOKEN)
                        .orElseThrow(() -> new ConnectorUnavailableException(
                                "account " + accountId + " has no LINE channel access token"));
                var line = platforms.line();
                yield new LineConnector(new LineSettings(line.apiEndpoint(), token, line.connectTimeout(),
                        line.readTimeout()));
            }
            case X, FACEBOOK, INSTAGRAM -> throw new ConnectorUnavailableException(
                    "the " + platform + " connector is not available in this version; only LINE is");
        };
    }

    /** The account cannot be sent to at all: a permanent failure, not worth a retry. */
    static final class ConnectorUnavailableException extends RuntimeException {
        ConnectorUnavailableException(String message) {
            super(message);
        }
    }
}
