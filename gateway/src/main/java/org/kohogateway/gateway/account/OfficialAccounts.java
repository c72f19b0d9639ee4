package org.kohogateway.gateway.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of official accounts: loads and saves the aggregate, its policy versions and its sealed credentials.
 *
 * <p>A little over the usual class size: the aggregate's columns, its operators, its policy history and its sealed
 * credentials are saved together in one transaction, and one class keeps that mapping in one place.
 */
@Service
public class OfficialAccounts {

    static final String SELECT = """
            select a.id, a.platform, a.name, a.url, a.department_id, a.status, a.purpose, a.department_approval_required,
                   a.reply_policy, a.basic_principles, a.tone, a.comment_handling, a.alt_text_required,
                   a.administrator_id, a.policy_version,
                   a.requested_by, a.department_decided_by, a.decision_comment, a.closing_reason, a.closing_date,
                   a.closed_at, a.proposed_policy::text as proposed_policy, a.version,
                   array(select o.staff_id from account_operator o where o.account_id = a.id order by o.staff_id)
                       as operator_ids
            from official_account a
            """;

    private final JdbcClient jdbc;
    private final CredentialCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    private final StaffDirectory staff;

    OfficialAccounts(JdbcClient jdbc, CredentialCipher cipher, AuditTrail audit, Clock clock,
            ApplicationEventPublisher events, JsonMapper json, StaffDirectory staff) {
        this.staff = staff;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public OfficialAccount get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + id,
                String.valueOf(id)));
    }

    @Transactional(readOnly = true)
    public Optional<OfficialAccount> find(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(OfficialAccounts::account).optional();
    }

    /**
     * These accounts, those that exist, in one statement (a chunk of imported rows names its targets together); not
     * a transaction of its own, which outside one cost two more round trips for its bounds and commit.
     */
    public List<OfficialAccount> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where a.id = any(:ids) order by a.id")
                .param("ids", ids.toArray(Long[]::new)).query(OfficialAccounts::account).list();
    }

    /**
     * Whether these accounts, as loaded, are still as stored: none changed (every change to an account, its status,
     * policy, operators or address, counts up its version) nor was removed since.
     */
    @Transactional(readOnly = true)
    public boolean unchanged(Collection<OfficialAccount> loaded) {
        if (loaded.isEmpty()) {
            return true;
        }
        Map<Long, Integer> stored = new HashMap<>();
        jdbc.sql("select id, version from official_account where id = any(:ids)")
                .param("ids", loaded.stream().map(OfficialAccount::id).toArray(Long[]::new))
                .query((rs, n) -> stored.put(rs.getLong(1), rs.getInt(2))).list();
        return loaded.stream().allMatch(a -> Integer.valueOf(a.version()).equals(stored.get(a.id())));
    }

    @Transactional(readOnly = true)
    public List<OfficialAccount> all() {
        return jdbc.sql(SELECT + " order by a.id").query(OfficialAccounts::account).list();
    }

    /**
     * The accounts a new post of this person may go to, on the compose form or in an import: the active ones they
     * operate.
     */
    @Transactional(readOnly = true)
    public List<OfficialAccount> choosableBy(Staff author) {
        return all().stream().filter(OfficialAccount::active).filter(a -> a.operatedBy(author)).toList();
    }

    /** The accounts whose deliveries this person sees: all for those who read every account, else their department's. */
    @Transactional(readOnly = true)
    public List<OfficialAccount> lookedAfterBy(Staff reader) {
        return all().stream().filter(a -> reader.readsEveryAccount() || a.departmentId() == reader.departmentId())
                .toList();
    }

    /**
     * The handles of the city's own accounts per platform, read from their published addresses
     * ({@link AccountUrls}): every account not closed, so that mentioning one being opened is not commenting on others.
     */
    // one statement, so no transaction of its own: outside one, its bounds and commit were two more round trips
    public Map<Platform, Set<String>> cityHandles() {
        Map<Platform, Set<String>> handles = new EnumMap<>(Platform.class);
        // only the two columns: the rules ask on every check, as-you-type included
        jdbc.sql("select platform, url from official_account where status <> 'CLOSED'").query((rs, n) -> {
            Platform platform = Platform.valueOf(rs.getString("platform"));
            AccountUrls.handle(platform, rs.getString("url"))
                    .ifPresent(h -> handles.computeIfAbsent(platform, p -> new HashSet<>()).add(h));
            return platform;
        }).list();
        return handles;
    }

    /** The accounts that take posts, which are the ones the public list shows. */
    @Transactional(readOnly = true)
    public List<OfficialAccount> inService() {
        return jdbc.sql(SELECT + " where a.status in (:statuses) order by a.department_id, a.id")
                .param("statuses", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList())
                .query(OfficialAccounts::account)
                .list();
    }

    /** Accounts whose closing is approved and whose date is {@code today} or earlier. */
    @Transactional(readOnly = true)
    public List<Long> closingDue(LocalDate today) {
        return jdbc.sql("select id from official_account where status = 'CLOSING_SCHEDULED' and closing_date <= :today")
                .param("today", today)
                .query(Long.class)
                .list();
    }

    /** Every version of the account's policy, newest first. */
    @Transactional(readOnly = true)
    public List<PolicyVersion> policyVersions(long accountId) {
        get(accountId);
        return jdbc.sql("""
                select version, snapshot::text as snapshot, changed_by, changed_at
                from account_policy_version where account_id = :id order by version desc
                """)
                .param("id", accountId)
                .query((rs, n) -> new PolicyVersion(rs.getInt("version"),
                        json.readValue(rs.getString("snapshot"), new TypeReference<Map<String, Object>>() {
                        }), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    /** Registers an account already approved through the opening workflow, with its credentials sealed. */
    @Transactional
    public OfficialAccount registerActive(String actor, Platform platform, String name, String url, long departmentId,
            String purpose, OperatingPolicy policy, PlatformCredentials credentials) {
        OfficialAccount account = OfficialAccount.registered(platform, departmentId,
                new AccountPolicy(name, url, purpose, null, List.of(), policy));
        insert(account, actor);
        storeCredentials(account.id(), credentials);
        return get(account.id());
    }

    void insert(OfficialAccount account, String actor) {
        Map<String, Object> params = params(account);
        params.put("created", Timestamp.from(clock.instant()));
        long id = jdbc.sql("""
                insert into official_account (platform, name, url, department_id, status, purpose,
                    department_approval_required, reply_policy, basic_principles, tone, comment_handling,
                    alt_text_required, administrator_id, policy_version, requested_by, department_decided_by, decision_comment,
                    closing_reason, closing_date, closed_at, proposed_policy, version, created_at)
                values (:platform, :name, :url, :department, :status, :purpose, :approval, :reply, :principles, :tone,
                    :comments, :altText, :administrator, :policyVersion, :requestedBy, :departmentDecidedBy, :comment,
                    :closingReason, :closingDate, :closedAt, cast(:proposed as jsonb), 0, :created)
                returning id
                """)
                .params(params)
                .query(Long.class)
                .single();
        account.assignId(id);
        writeOperators(account);
        writeChanges(account, actor);
    }

    /** Saves the aggregate if nobody changed it since it was loaded; otherwise refuses with a conflict. */
    void update(OfficialAccount account, String actor) {
        int rows = jdbc.sql("""
                update official_account set name = :name, url = :url, status = :status, purpose = :purpose,
                    department_approval_required = :approval, reply_policy = :reply, basic_principles = :principles,
                    tone = :tone, comment_handling = :comments, alt_text_required = :altText,
                    administrator_id = :administrator,
                    policy_version = :policyVersion, requested_by = :requestedBy,
                    department_decided_by = :departmentDecidedBy, decision_comment = :comment,
                    closing_reason = :closingReason, closing_date = :closingDate, closed_at = :closedAt,
                    proposed_policy = cast(:proposed as jsonb), version = version + 1
                where id = :id and version = :version
                """)
                .params(params(account))
                .param("id", account.id())
                .param("version", account.version())
                .update();
        if (rows != 1) {
            throw new ConflictException("account.concurrentChange",
                    "account " + account.id() + " was changed by someone else meanwhile; reload and try again",
                    account.id());
        }
        if (account.policyChanged()) {
            jdbc.sql("delete from account_operator where account_id = :id").param("id", account.id()).update();
            writeOperators(account);
        }
        writeChanges(account, actor);
    }

    private void writeOperators(OfficialAccount account) {
        for (long staffId : account.accountPolicy().operatorIds()) {
            jdbc.sql("insert into account_operator (account_id, staff_id) values (:account, :staff)")
                    .param("account", account.id())
                    .param("staff", staffId)
                    .update();
        }
    }

    private void writeChanges(OfficialAccount account, String actor) {
        if (account.policyChanged()) {
            jdbc.sql("""
                    insert into account_policy_version (account_id, version, snapshot, changed_by, changed_at)
                    values (:id, :version, cast(:snapshot as jsonb), :actor, :at)
                    """)
                    .param("id", account.id())
                    .param("version", account.policyVersion())
                    .param("snapshot", json.writeValueAsString(account.snapshot()))
                    .param("actor", actor)
                    .param("at", Timestamp.from(clock.instant()))
                    .update();
        }
        for (AccountEvent e : account.drainEvents()) {
            audit.record(actor, e.action(), "ACCOUNT", Long.toString(account.id()), e.before(), e.after(), e.detail());
        }
    }

    private Map<String, Object> params(OfficialAccount account) {
        AccountPolicy policy = account.accountPolicy();
        Map<String, Object> p = new HashMap<>();
        p.put("platform", account.platform().name());
        p.put("name", policy.name());
        p.put("url", policy.url());
        p.put("department", account.departmentId());
        p.put("status", account.status().name());
        p.put("purpose", policy.purpose());
        p.put("approval", policy.operating().departmentApprovalRequired());
        p.put("reply", policy.operating().replyPolicy().name());
        p.put("principles", policy.operating().basicPrinciples());
        p.put("tone", policy.operating().tone());
        p.put("comments", policy.operating().commentHandling());
        p.put("altText", policy.operating().altTextRequired());
        p.put("administrator", policy.administratorId());
        p.put("policyVersion", account.policyVersion());
        p.put("requestedBy", account.requestedBy());
        p.put("departmentDecidedBy", account.departmentDecidedBy());
        p.put("comment", account.decisionComment());
        p.put("closingReason", account.closingReason());
        p.put("closingDate", account.closingDate());
        p.put("closedAt", account.closedAt() == null ? null : Timestamp.from(account.closedAt()));
        p.put("proposed", account.proposedPolicy() == null ? null
                : json.writeValueAsString(PolicyFields.of(account.proposedPolicy())));
        return p;
    }

    @Transactional
    public void replaceCredentials(String actor, long accountId, PlatformCredentials credentials) {
        if (!staff.byUsername(actor).has(Role.ADMIN)) {
            throw new NotPermittedException("account.credentialsNotPermitted", "platform credentials are set by admins");
        }
        // an optional field left blank is left out, so the connector uses its default
        Map<String, String> given = new java.util.LinkedHashMap<>(credentials.values());
        given.entrySet().removeIf(e -> PlatformCredentials.OPTIONAL.contains(e.getKey())
                && (e.getValue() == null || e.getValue().isBlank()));
        credentials = new PlatformCredentials(given);
        if (credentials.values().isEmpty() || credentials.values().values().stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new InvalidRequestException("account.credentialsEmpty", "credentials need at least one non-empty value");
        }
        List<String> fields = PlatformCredentials.FIELDS.get(get(accountId).platform());
        for (String name : credentials.values().keySet()) {
            if (!fields.contains(name)) {
                throw new InvalidRequestException("account.credentialsUnknownField",
                        "'" + name + "' is not a credential field of this platform; it takes " + fields, name,
                        String.join(", ", fields));
            }
        }
        for (String name : fields) {
            if (!credentials.values().containsKey(name) && !PlatformCredentials.OPTIONAL.contains(name)) {
                throw new InvalidRequestException("account.credentialsMissingField",
                        "the credentials lack '" + name + "'; this platform takes " + fields, name,
                        String.join(", ", fields));
            }
        }
        storeCredentials(accountId, credentials);
        // names of the fields only: the audit trail must never hold a secret
        audit.record(actor, "ACCOUNT_CREDENTIALS_REPLACED", "ACCOUNT", Long.toString(accountId), null, null,
                Map.of("fields", credentials.values().keySet().stream().sorted().toList()));
        events.publishEvent(new CredentialsReplaced(accountId));
    }

    /** Opens the sealed credentials; only the dispatcher's connector factory should need this. */
    @Transactional(readOnly = true)
    public PlatformCredentials credentials(long accountId) {
        return currentCredentials(accountId).credentials();
    }

    /** The sealed credentials opened, with the version they were read at (one statement: they always match). */
    @Transactional(readOnly = true)
    public CurrentCredentials currentCredentials(long accountId) {
        // coalesce: a row mapped to null would read as "no such account"
        return jdbc.sql("""
                select coalesce(credentials, ''::bytea) as credentials, credentials_version
                from official_account where id = :id
                """)
                .param("id", accountId)
                .query((rs, n) -> {
                    byte[] blob = rs.getBytes("credentials");
                    return new CurrentCredentials(rs.getLong("credentials_version"),
                            blob.length == 0 ? new PlatformCredentials(Map.of()) : cipher.open(accountId, blob));
                })
                .optional()
                .orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + accountId, accountId));
    }

    /** The version of the account's credentials, bumped on every change; cheaper than opening them. */
    @Transactional(readOnly = true)
    public long credentialsVersion(long accountId) {
        return jdbc.sql("select credentials_version from official_account where id = :id")
                .param("id", accountId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("account.notFound", "no official account " + accountId, accountId));
    }

    private void storeCredentials(long id, PlatformCredentials credentials) {
        jdbc.sql("""
                update official_account set credentials = :blob, credentials_version = credentials_version + 1
                where id = :id
                """)
                .param("blob", cipher.seal(id, credentials))
                .param("id", id)
                .update();
    }

    static OfficialAccount account(ResultSet rs, int row) throws SQLException {
        OperatingPolicy operating = new OperatingPolicy(rs.getBoolean("department_approval_required"),
                ReplyPolicy.valueOf(rs.getString("reply_policy")), rs.getString("basic_principles"),
                rs.getString("tone"), rs.getString("comment_handling"), rs.getBoolean("alt_text_required"));
        AccountPolicy policy = new AccountPolicy(rs.getString("name"), rs.getString("url"), rs.getString("purpose"),
                nullableLong(rs, "administrator_id"), Arrays.asList((Long[]) rs.getArray("operator_ids").getArray()),
                operating);
        Timestamp closedAt = rs.getTimestamp("closed_at");
        String proposed = rs.getString("proposed_policy");
        return new OfficialAccount(rs.getLong("id"), Platform.valueOf(rs.getString("platform")),
                rs.getLong("department_id"), AccountStatus.valueOf(rs.getString("status")), policy,
                rs.getInt("policy_version"), nullableLong(rs, "requested_by"),
                nullableLong(rs, "department_decided_by"), rs.getString("decision_comment"),
                rs.getString("closing_reason"), rs.getObject("closing_date", LocalDate.class),
                closedAt == null ? null : closedAt.toInstant(),
                proposed == null ? null : PolicyFields.from(JsonMapper.shared().readValue(proposed,
                        new TypeReference<Map<String, Object>>() {
                        })), rs.getInt("version"));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
