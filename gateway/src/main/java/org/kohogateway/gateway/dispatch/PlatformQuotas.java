package org.kohogateway.gateway.dispatch;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.PlatformConnector;
import org.kohogateway.connectors.instagram.InstagramConnector;
import org.kohogateway.connectors.graph.QuotaReading;
import org.kohogateway.connectors.line.LineConnector;
import org.kohogateway.connectors.line.LineQuota;
import org.kohogateway.connectors.threads.ThreadsConnector;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.springframework.stereotype.Service;

/** The platform's own sending quota for an account, where the platform has one: LINE's monthly, Instagram's and Threads' 24 hours. */
@Service
public class PlatformQuotas {

    private final ConnectorRegistry connectors;
    private final OfficialAccounts accounts;

    PlatformQuotas(ConnectorRegistry connectors, OfficialAccounts accounts) {
        this.connectors = connectors;
        this.accounts = accounts;
    }

    /**
     * @param period    MONTH (LINE), ROLLING_24H (Instagram, Threads) or NONE when the platform has no quota to read
     * @param total     absent when unlimited or unknown
     * @param reason    why it could not be read, when it could not
     */
    public record Quota(String platform, String period, @Nullable Long total, @Nullable Long used,
            @Nullable Long remaining, @Nullable String reason) {
    }

    public Quota of(long accountId) {
        OfficialAccount account = accounts.get(accountId);
        String platform = account.platform().name();
        PlatformConnector connector;
        try {
            connector = connectors.forAccount(accountId, account.platform());
        } catch (ConnectorRegistry.ConnectorUnavailableException e) {
            return new Quota(platform, "UNKNOWN", null, null, null, e.getMessage());
        }
        if (connector instanceof LineConnector line) {
            return switch (line.quota()) {
                case LineQuota.Limited l -> new Quota(platform, "MONTH", l.total(), l.used(), l.remaining(), null);
                case LineQuota.Unlimited u -> new Quota(platform, "MONTH", null, u.used(), null, null);
                case LineQuota.Failed f -> new Quota(platform, "MONTH", null, null, null, f.reason());
            };
        }
        if (connector instanceof InstagramConnector instagram) {
            return rolling(platform, instagram.quota());
        }
        if (connector instanceof ThreadsConnector threads) {
            return rolling(platform, threads.quota());
        }
        return new Quota(platform, "NONE", null, null, null, platform + " has no sending quota to read");
    }

    private static Quota rolling(String platform, QuotaReading reading) {
        return switch (reading) {
            case QuotaReading.Quota q -> new Quota(platform, "ROLLING_24H", (long) q.total(), (long) q.used(),
                    (long) q.remaining(), null);
            case QuotaReading.Failed f -> new Quota(platform, "ROLLING_24H", null, null, null, f.reason());
        };
    }
}
