package org.kohogateway.gateway.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The registry of official accounts. */
@Service
public class OfficialAccounts {

    private static final String COLUMNS = """
            id, platform, name, url, department_id, status, purpose, department_approval_required, reply_policy
            """;

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OfficialAccounts(JdbcClient jdbc, CredentialCipher cipher, AuditTrail audit, Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public OfficialAccount get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + id, id));
    }

    @Transactional(readOnly = true)
    public Optional<OfficialAccount> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from official_account where id = :id")
                .param("id", id)
                .query(OfficialAccounts::account)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<OfficialAccount> all() {
        return jdbc.sql("select " + COLUMNS + " from official_account order by id").query(OfficialAccounts::account).list();
    }

    /** Registers an account already approved through the opening workflow, with its credentials sealed. */
    @Transactional
    public OfficialAccount registerActive(String actor, Platform platform, String name, String url, long departmentId,
            String purpose, OperatingPolicy policy, PlatformCredentials credentials) {
        long id = jdbc.sql("""
                insert into official_account (platform, name, url, department_id, status, purpose,
                    department_approval_required, reply_policy, created_at)
                values (:platform, :name, :url, :department, 'ACTIVE', :purpose, :approval, :reply, :now)
                returning id
                """)
                .param("platform", platform.name())
                .param("name", name)
                .param("url", url)
                .param("department", departmentId)
                .param("purpose", purpose)
                .param("approval", policy.departmentApprovalRequired())
                .param("reply", policy.replyPolicy().name())
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        storeCredentials(id, credentials);
        audit.record(actor, "ACCOUNT_REGISTERED", "ACCOUNT", Long.toString(id), null, AccountStatus.ACTIVE.name(),
                Map.of("platform", platform.name(), "name", name, "url", url,
                        "departmentApprovalRequired", policy.departmentApprovalRequired(),
                        "replyPolicy", policy.replyPolicy().name()));
        return get(id);
    }

    @Transactional
    public void replaceCredentials(String actor, long accountId, PlatformCredentials credentials) {
        get(accountId);
        storeCredentials(accountId, credentials);
        // names of the fields only: the audit trail must never hold a secret
        audit.record(actor, "ACCOUNT_CREDENTIALS_REPLACED", "ACCOUNT", Long.toString(accountId), null, null,
                Map.of("fields", credentials.values().keySet().stream().sorted().toList()));
        events.publishEvent(new CredentialsReplaced(accountId));
    }

    /** Opens the sealed credentials; only the dispatcher's connector factory should need this. */
    @Transactional(readOnly = true)
    public PlatformCredentials credentials(long accountId) {
        byte[] blob = jdbc.sql("select credentials from official_account where id = :id")
                .param("id", accountId)
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                .orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + accountId, accountId));
        return blob == null ? new PlatformCredentials(Map.of()) : cipher.open(accountId, blob);
    }

    private void storeCredentials(long id, PlatformCredentials credentials) {
        jdbc.sql("update official_account set credentials = :blob where id = :id")
                .param("blob", cipher.seal(id, credentials))
                .param("id", id)
                .update();
    }

    private static OfficialAccount account(ResultSet rs, int row) throws SQLException {
        return new OfficialAccount(rs.getLong("id"), Platform.valueOf(rs.getString("platform")), rs.getString("name"),
                rs.getString("url"), rs.getLong("department_id"), AccountStatus.valueOf(rs.getString("status")),
                rs.getString("purpose"),
                new OperatingPolicy(rs.getBoolean("department_approval_required"),
                        ReplyPolicy.valueOf(rs.getString("reply_policy"))));
    }
}
