package org.kohogateway.gateway.api;

import java.util.List;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "accounts")
class AccountController {

    private final OfficialAccounts accounts;
    private final StaffDirectory staff;

    AccountController(OfficialAccounts accounts, StaffDirectory staff) {
        this.accounts = accounts;
        this.staff = staff;
    }

    /** Credentials are never part of this view. */
    record AccountView(long id, Platform platform, String name, String url, String department, AccountStatus status,
            String purpose, boolean departmentApprovalRequired, ReplyPolicy replyPolicy) {
    }

    @GetMapping("/api/accounts")
    List<AccountView> list() {
        return accounts.all().stream()
                .map(a -> new AccountView(a.id(), a.platform(), a.name(), a.url(),
                        staff.department(a.departmentId()).name(), a.status(), a.purpose(),
                        a.policy().departmentApprovalRequired(), a.policy().replyPolicy()))
                .toList();
    }
}
