package org.kohogateway.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API tokens for machines. A token acts only for the staff member who issued it, with at most that person's roles (a
 * subset chosen at creation, narrowed again to the roles they hold at each use) and, if set, only on some accounts;
 * it decides nothing unless issued for decisions after a second-factor check; it expires, can be revoked, and every issue, use-refusal and
 * revocation is audited. Only its SHA-256 is stored, so a lookup costs a hash, not a password check.
 */
@Service
public class ApiTokens {

    public static final String PREFIX = "kgw_";

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, StaffDirectory staff, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token as listed (never its secret). Without {@code accountIds} it acts on every account. */
    public record Token(long id, String name, String actsAs, Set<Role> roles, @Nullable List<Long> accountIds,
            boolean decides, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {
    }

    /** What a valid token lets a request do. */
    public record Grant(long tokenId, String username, Set<Role> roles, @Nullable List<Long> accountIds,
            boolean decides) {
    }

    /**
     * A token someone asks for, for themselves.
     *
     * @param actsAs  null (or the issuer's own username): nobody issues a token that acts under another's name
     * @param decides the token may approve, reject, publish directly, override and grant roles; needs a second
     *                factor checked in the issuing request
     */
    public record NewToken(String name, @Nullable String actsAs, Set<Role> roles, @Nullable List<Long> accountIds,
            @Nullable Instant expiresAt, boolean decides) {
    }

    /** The secret is in this answer only; it cannot be read again. */
    public record Issued(Token token, String secret) {
    }

    /**
     * Issues a token acting for its issuer, with some of the issuer's roles. {@code secondFactorChecked} says the
     * issuing request passed the issuer's second factor, which a deciding token requires.
     */
    @Transactional
    public Issued issue(String username, NewToken request, boolean secondFactorChecked) {
        if (ActingStaff.current().isPresent()) {
            // a token minting tokens would outlive its own expiry and revocation, and skip the second factor
            throw new NotPermittedException("token.notByToken", "API tokens are issued by people, not by tokens");
        }
        Staff issuer = staff.byUsername(username);
        if (request.actsAs() != null && !request.actsAs().equals(issuer.username())) {
            throw new NotPermittedException("token.onlyForYourself",
                    "a token acts only for the person who issues it", request.actsAs());
        }
        String name = request.name();
        Set<Role> roles = request.roles();
        if (name == null || name.isBlank() || roles == null || roles.isEmpty()) {
            throw new InvalidRequestException("token.nameAndRoles", "a token needs a name and at least one role");
        }
        if (!issuer.roles().containsAll(roles)) {
            throw new InvalidRequestException("token.rolesBeyondStaff",
                    "a token cannot hold roles its staff member does not have", issuer.username());
        }
        if (request.decides() && !secondFactorChecked) {
            throw new NotPermittedException("token.decidesNeedsSecondFactor",
                    "a token for decisions is issued only with your second factor (HTTP Basic with X-TOTP)");
        }
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt();
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(java.time.Duration.ofDays(400)))) {
            throw new InvalidRequestException("token.expiry", "a token expires within 400 days from now");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        List<Long> accountIds = request.accountIds();
        long id = jdbc.sql("""
                insert into api_token (name, token_hash, staff_id, roles, account_ids, decides, created_by, created_at,
                    expires_at)
                values (:name, :hash, :staff, :roles, :accounts, :decides, :by, :at, :expires) returning id
                """)
                .param("name", name.strip()).param("hash", hash(secret)).param("staff", issuer.id())
                .param("roles", roles.stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("accounts", accountIds == null ? null : accountIds.toArray(Long[]::new))
                .param("decides", request.decides())
                .param("by", issuer.username()).param("at", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .query(Long.class).single();
        audit.record(issuer.username(), "API_TOKEN_ISSUED", "API_TOKEN", Long.toString(id), null, "ACTIVE",
                Map.of("name", name.strip(), "actsAs", issuer.username(),
                        "roles", roles.stream().map(Enum::name).sorted().toList(),
                        "accounts", accountIds == null ? "all" : accountIds, "decides", request.decides(),
                        "expiresAt", expiresAt.toString()));
        return new Issued(get(id), secret);
    }

    /** Revokes a token: its own person's, or any for an admin (a leaked token is stopped at once). */
    @Transactional
    public void revoke(String username, long id) {
        Staff me = staff.byUsername(username);
        int rows = jdbc.sql("""
                update api_token set revoked_by = :by, revoked_at = :at
                where id = :id and revoked_at is null and (:admin or staff_id = :me)
                """).param("by", me.username()).param("at", Timestamp.from(clock.instant())).param("id", id)
                .param("admin", me.has(Role.ADMIN)).param("me", me.id()).update();
        if (rows == 0) {
            throw new NotFoundException("token.notFound", "no active token " + id, Long.toString(id));
        }
        audit.record(me.username(), "API_TOKEN_REVOKED", "API_TOKEN", Long.toString(id), "ACTIVE", "REVOKED",
                Map.of());
    }

    /** Every token for an admin, one's own for anyone else. */
    @Transactional(readOnly = true)
    public List<Token> list(String username) {
        Staff me = staff.byUsername(username);
        return jdbc.sql("""
                select t.*, s.username from api_token t join staff s on s.id = t.staff_id
                where :admin or t.staff_id = :me order by t.id desc
                """).param("admin", me.has(Role.ADMIN)).param("me", me.id()).query((rs, n) -> token(rs)).list();
    }

    /**
     * The grant of a presented token, if it is one of ours, not expired, not revoked, and its holder still enabled.
     * One statement and no transaction around it, since every API call waits for it: the look-up, the holder's roles
     * in force, and {@code last_used_at}, which is written at most once a minute (a token's list shows when it was last
     * used to the minute; writing the row on every call only made dead rows).
     */
    public Optional<Grant> authenticate(@Nullable String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                with found as (
                    select t.*, s.username,
                           array(select r.role from staff_role_in_force r where r.staff_id = s.id) as holder_roles
                    from api_token t join staff s on s.id = t.staff_id
                    where t.token_hash = :hash and t.revoked_at is null and t.expires_at > :now and s.enabled),
                used as (
                    update api_token set last_used_at = :now
                    where id = (select id from found)
                      and (last_used_at is null or last_used_at <= cast(:now as timestamptz) - interval '1 minute'))
                select * from found
                """).param("hash", hash(secret)).param("now", Timestamp.from(now)).query((rs, n) -> {
                    Token t = token(rs);
                    // a token never holds more than its staff member holds today
                    Set<Role> roles = EnumSet.noneOf(Role.class);
                    roles.addAll(t.roles());
                    roles.retainAll(roles(rs.getArray("holder_roles")));
                    return new Grant(t.id(), t.actsAs(), roles, t.accountIds(), t.decides());
                }).optional();
    }

    private Token get(long id) {
        return jdbc.sql("select t.*, s.username from api_token t join staff s on s.id = t.staff_id where t.id = :id")
                .param("id", id).query((rs, n) -> token(rs)).single();
    }

    private static Set<Role> roles(Array names) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) names.getArray()).forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private static Token token(java.sql.ResultSet rs) throws SQLException {
        Set<Role> roles = roles(rs.getArray("roles"));
        Array accounts = rs.getArray("account_ids");
        List<Long> accountIds = accounts == null ? null : Arrays.asList((Long[]) accounts.getArray());
        return new Token(rs.getLong("id"), rs.getString("name"), rs.getString("username"), roles, accountIds,
                rs.getBoolean("decides"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
