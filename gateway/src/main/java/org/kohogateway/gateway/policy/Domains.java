package org.kohogateway.gateway.policy;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

final class Domains {

    private Domains() {
    }

    /** True when the host is the domain itself or one of its subdomains: {@code bit.ly.example.com} is not bit.ly. */
    static boolean within(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    static @Nullable String firstWithin(String host, Collection<String> domains) {
        for (String domain : domains) {
            if (within(host, domain)) {
                return domain;
            }
        }
        return null;
    }
}
