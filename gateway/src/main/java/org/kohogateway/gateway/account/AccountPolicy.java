package org.kohogateway.gateway.account;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * An account's whole 運用ポリシー (guideline §5) apart from its platform, which never changes: each change of
 * this record is a new policy version.
 *
 * @param administratorId 管理者; null only for accounts registered before the registry
 * @param operatorIds     運営者（投稿者）
 */
public record AccountPolicy(String name, String url, String purpose, @Nullable Long administratorId,
        List<Long> operatorIds, OperatingPolicy operating) {

    public AccountPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        purpose = purpose == null ? "" : purpose;
        operatorIds = operatorIds == null ? List.of() : operatorIds.stream().distinct().sorted().toList();
        Objects.requireNonNull(operating, "operating");
    }
}
