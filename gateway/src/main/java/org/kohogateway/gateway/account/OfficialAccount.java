package org.kohogateway.gateway.account;

import org.kohogateway.connectors.Platform;

public record OfficialAccount(long id, Platform platform, String name, String url, long departmentId,
        AccountStatus status, String purpose, OperatingPolicy policy) {

    public boolean active() {
        return status == AccountStatus.ACTIVE;
    }
}
