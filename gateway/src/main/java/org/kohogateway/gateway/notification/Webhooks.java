package org.kohogateway.gateway.notification;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.SafeFetch;
import org.kohogateway.gateway.support.SealedColumn;
import org.kohogateway.gateway.support.SecretSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins register webhooks: an https URL (http only to localhost where allowed), the kinds it receives, optionally one
 * department, and a secret the gateway signs every request with. The secret is sealed at rest (it must be usable to
 * sign, so it cannot be hashed) and is never returned, logged or audited. Every change is audited.
 */
@Service
public class Webhooks {

    static final int MIN_SECRET = 32;
    static final int MAX_SECRET = 512;
    static final int MAX_NAME = 200;
    static final int MAX_URL = 2_048;

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private static final SealedColumn SECRETS = new SealedColumn("webhook", "id", "secret");

    private final SecretSealer sealer;
    private final AuditTrail audit;
    private final NotificationProperties properties;
    private final SafeFetch fetch;
    private final Clock clock;

    Webhooks(JdbcClient jdbc, StaffDirectory staff, SecretSealer sealer, AuditTrail audit,
            NotificationProperties properties, SafeFetch fetch, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.sealer = sealer;
        this.audit = audit;
        this.properties = properties;
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * What an admin sends. On a change, a secret left out keeps the current one and an {@code enabled} left out keeps
     * the current state.
     *
     * @param departmentId null: events of every department (and pauses of everything, which belong to none)
     */
    public record Registration(String name, String url, @Nullable String secret, Set<NotificationKind> kinds,
            @Nullable Long departmentId, @Nullable Boolean enabled) {

        @Override
        public String toString() {
            return "Registration[name=" + name + ", kinds=" + kinds + ", departmentId=" + departmentId + "]";
        }
    }

    @Transactional
    public Webhook register(String adminUsername, Registration r) {
        Staff admin = requireAdmin(adminUsername);
        if (r.secret() == null) {
            throw new InvalidRequestException("notification.secretRequired", "a webhook needs a secret to sign with");
        }
        Checked checked = check(r);
        long id = jdbc.sql("select nextval('webhook_id_seq')").query(Long.class).single();
        Instant now = clock.instant();
        jdbc.sql("""
                insert into webhook (id, name, url, secret, kinds, department_id, enabled, created_by, created_at,
                    updated_at)
                values (:id, :name, :url, :secret, :kinds, :department, :enabled, :by, :now, :now)
                """)
                .param("id", id).param("name", checked.name()).param("url", checked.url().toString())
                .param("secret", seal(id, r.secret())).param("kinds", names(checked.kinds()))
                .param("department", r.departmentId()).param("enabled", r.enabled() == null || r.enabled())
                .param("by", admin.username()).param("now", Timestamp.from(now))
                .update();
        Webhook webhook = find(id).orElseThrow();
        audit.record(admin.username(), "WEBHOOK_REGISTERED", "WEBHOOK", Long.toString(id), null, state(webhook),
                detail(webhook, true));
        return webhook;
    }

    @Transactional
    public Webhook change(String adminUsername, long id, Registration r) {
        Staff admin = requireAdmin(adminUsername);
        Webhook before = find(id).orElseThrow(() -> notFound(id));
        Checked checked = check(r);
        jdbc.sql("""
                update webhook set name = :name, url = :url, secret = coalesce(:secret, secret), kinds = :kinds,
                    department_id = :department, enabled = :enabled, updated_at = :now
                where id = :id
                """)
                .param("name", checked.name()).param("url", checked.url().toString())
                .param("secret", r.secret() == null ? null : seal(id, r.secret()))
                .param("kinds", names(checked.kinds())).param("department", r.departmentId())
                .param("enabled", r.enabled() == null ? before.enabled() : r.enabled())
                .param("now", Timestamp.from(clock.instant())).param("id", id)
                .update();
        Webhook after = find(id).orElseThrow();
        audit.record(admin.username(), "WEBHOOK_CHANGED", "WEBHOOK", Long.toString(id), state(before), state(after),
                detail(after, r.secret() != null));
        return after;
    }

    /** Removes a webhook; notifications still queued for it are given up when their turn comes. */
    @Transactional
    public void remove(String adminUsername, long id) {
        Staff admin = requireAdmin(adminUsername);
        Webhook before = find(id).orElseThrow(() -> notFound(id));
        jdbc.sql("update webhook set removed_at = :now, enabled = false, updated_at = :now where id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
        audit.record(admin.username(), "WEBHOOK_REMOVED", "WEBHOOK", Long.toString(id), state(before), "REMOVED",
                Map.of("name", before.name()));
    }

    @Transactional(readOnly = true)
    public List<Webhook> list(String adminUsername) {
        requireAdmin(adminUsername);
        return jdbc.sql("select * from webhook where removed_at is null order by id").query(Webhooks::webhook).list();
    }

    @Transactional(readOnly = true)
    public Webhook get(String adminUsername, long id) {
        requireAdmin(adminUsername);
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** The enabled webhooks that receive this kind for this department (null: an event of no one department). */
    List<Long> subscribed(NotificationKind kind, @Nullable Long departmentId) {
        return jdbc.sql("""
                select id from webhook
                where enabled and removed_at is null and :kind = any(kinds)
                  and (department_id is null or department_id = :department)
                order by id
                """)
                .param("kind", kind.name()).param("department", departmentId == null ? -1L : departmentId)
                .query(Long.class).list();
    }

    /** Where and with what to send, read at send time: a webhook changed or removed meanwhile is honoured. */
    record Target(URI url, String secret, boolean active) {
    }

    @Transactional(readOnly = true)
    Optional<Target> target(long id) {
        return jdbc.sql("select url, secret, enabled and removed_at is null as active from webhook where id = :id")
                .param("id", id)
                .query((rs, n) -> new Target(URI.create(rs.getString("url")),
                        new String(sealer.open(owner(id), rs.getBytes("secret")), StandardCharsets.UTF_8),
                        rs.getBoolean("active")))
                .optional();
    }

    /**
     * A webhook URL as the gateway accepts it: absolute https (http to localhost where allowed), no user info, not an
     * address in a private or reserved network.
     */
    URI checkUrl(@Nullable String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw badUrl();
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw badUrl();
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw badUrl();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        boolean localhost = Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost().toLowerCase(Locale.ROOT));
        if (!scheme.equals("https") && !(scheme.equals("http") && localhost && properties.allowHttpLocalhost())) {
            throw new InvalidRequestException("notification.webhookNotHttps",
                    "a webhook URL must use https: " + uri.getScheme() + "://" + uri.getHost(), uri.getHost());
        }
        // an address inside the city's network is refused now; a name is resolved and checked on every send
        fetch.checkWithoutLookup(uri);
        return uri;
    }

    private record Checked(String name, URI url, Set<NotificationKind> kinds) {
    }

    private Checked check(Registration r) {
        if (r.name() == null || r.name().isBlank() || r.name().strip().length() > MAX_NAME) {
            throw new InvalidRequestException("notification.webhookName", "a webhook needs a name of at most "
                    + MAX_NAME + " characters", MAX_NAME);
        }
        URI url = checkUrl(r.url());
        if (r.secret() != null && (r.secret().length() < MIN_SECRET || r.secret().length() > MAX_SECRET
                || r.secret().isBlank())) {
            throw new InvalidRequestException("notification.secretLength", "the secret must have " + MIN_SECRET
                    + " to " + MAX_SECRET + " characters", MIN_SECRET, MAX_SECRET);
        }
        if (r.kinds() == null || r.kinds().isEmpty() || r.kinds().stream().anyMatch(Objects::isNull)) {
            throw new InvalidRequestException("notification.kindsRequired", "a webhook receives at least one kind");
        }
        if (r.departmentId() != null) {
            try {
                staff.department(r.departmentId());
            } catch (NotFoundException e) {
                throw new InvalidRequestException("notification.unknownDepartment",
                        "no department " + r.departmentId(), r.departmentId());
            }
        }
        return new Checked(r.name().strip(), url, EnumSet.copyOf(r.kinds()));
    }

    private Optional<Webhook> find(long id) {
        return jdbc.sql("select * from webhook where id = :id and removed_at is null").param("id", id)
                .query(Webhooks::webhook).optional();
    }

    private byte[] seal(long id, String secret) {
        return sealer.seal(owner(id), secret.getBytes(StandardCharsets.UTF_8));
    }

    private static String owner(long id) {
        return SECRETS.owner(id);
    }

    /** For the re-seal job, when the credentials key rotates. */
    @Bean
    static SealedColumn sealedWebhookSecrets() {
        return SECRETS;
    }

    private static String[] names(Set<NotificationKind> kinds) {
        return kinds.stream().map(Enum::name).sorted().toArray(String[]::new);
    }

    private static String state(Webhook w) {
        return w.enabled() ? "ENABLED" : "DISABLED";
    }

    /**
     * Origin only, never the path or query: some receivers (chat tools) put their own access token there, and the
     * audit trail is read by more people than the admins. Never the secret either, only whether it changed.
     */
    private static Map<String, Object> detail(Webhook w, boolean secretChanged) {
        URI url = URI.create(w.url());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", w.name());
        detail.put("origin", url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()));
        detail.put("kinds", w.kinds().stream().map(Enum::name).sorted().toList());
        detail.put("department", w.departmentId() == null ? "all" : w.departmentId());
        detail.put("secretChanged", secretChanged);
        return detail;
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        Arrays.stream((String[]) rs.getArray("kinds").getArray()).forEach(k -> kinds.add(NotificationKind.valueOf(k)));
        long department = rs.getLong("department_id");
        return new Webhook(rs.getLong("id"), rs.getString("name"), rs.getString("url"), kinds,
                rs.wasNull() ? null : department, rs.getBoolean("enabled"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private Staff requireAdmin(String username) {
        Staff admin = staff.byUsername(username);
        if (!admin.has(Role.ADMIN)) {
            throw new NotPermittedException("notification.adminOnly", "webhooks and the outbox are managed by admins");
        }
        return admin;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("notification.webhookNotFound", "no webhook " + id, Long.toString(id));
    }

    private static InvalidRequestException badUrl() {
        return new InvalidRequestException("notification.webhookUrl",
                "a webhook URL must be an absolute web address of at most " + MAX_URL
                        + " characters, without user info or fragment", MAX_URL);
    }
}
