package org.kohogateway.gateway.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules' configurable lists, kept in the database so admins change them without a redeploy. Read through a
 * snapshot that is refreshed at most every {@link #REFRESH} (so other instances see a change within that time)
 * and at once on this instance after a change.
 */
@Service
public class PolicyLists {

    static final Duration REFRESH = Duration.ofSeconds(10);
    public static final int MAX_VALUE = 200;
    public static final int MAX_REASON = 500;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Clock clock;
    private volatile Snapshot snapshot;

    PolicyLists(JdbcClient jdbc, AuditTrail audit, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
    }

    /** The list entries at one moment: value → reason. */
    record Snapshot(Map<ListName, Map<String, String>> lists, Instant loadedAt) {

        Map<String, String> get(ListName name) {
            return lists.getOrDefault(name, Map.of());
        }
    }

    Snapshot snapshot() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.loadedAt().plus(REFRESH)) || now.isBefore(current.loadedAt())) {
            current = load(now);
            snapshot = current;
        }
        return current;
    }

    public record Entry(ListName list, String value, String reason) {
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(ListName list) {
        return jdbc.sql("select list, value, reason from policy_list_entry where list = :list order by value")
                .param("list", list.name())
                .query((rs, n) -> new Entry(ListName.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .list();
    }

    @Transactional
    public Entry add(String actor, ListName list, String value, String reason) {
        requireAdmin(actor);
        String normalized = normalize(list, value);
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new InvalidRequestException("policy.listReasonTooLong", "a reason has at most " + MAX_REASON
                    + " characters", MAX_REASON);
        }
        if (why.isEmpty() && list.reasonRequired()) {
            throw new InvalidRequestException("policy.listReasonRequired", list + " entries need a reason", list);
        }
        int added = jdbc.sql("""
                insert into policy_list_entry (list, value, reason) values (:list, :value, :reason)
                on conflict (list, value) do nothing
                """).param("list", list.name()).param("value", normalized).param("reason", why).update();
        if (added == 0) {
            throw new InvalidRequestException("policy.listDuplicate", list + " already holds " + normalized, list,
                    normalized);
        }
        audit.record(actor, "POLICY_LIST_ENTRY_ADDED", "POLICY_LIST", list.name(), null, normalized,
                Map.of("reason", why));
        snapshot = null;
        return new Entry(list, normalized, why);
    }

    @Transactional
    public void remove(String actor, ListName list, String value) {
        requireAdmin(actor);
        String normalized = normalize(list, value);
        int removed = jdbc.sql("delete from policy_list_entry where list = :list and value = :value")
                .param("list", list.name()).param("value", normalized).update();
        if (removed == 0) {
            throw new NotFoundException("policy.listEntryNotFound", list + " has no " + normalized, list, normalized);
        }
        audit.record(actor, "POLICY_LIST_ENTRY_REMOVED", "POLICY_LIST", list.name(), normalized, null, Map.of());
        snapshot = null;
    }

    private void requireAdmin(String username) {
        if (!staff.byUsername(username).has(Role.ADMIN)) {
            throw new NotPermittedException("policy.adminOnly", "the rules' lists are changed by admins");
        }
    }

    static String normalize(ListName list, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
            throw new InvalidRequestException("policy.listValue", "a list value must have 1.." + MAX_VALUE
                    + " characters", MAX_VALUE);
        }
        String v = java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFKC);
        return switch (list) {
            case OFFICIAL_DOMAIN, URL_SHORTENER, BLOCKED_DOMAIN -> domain(v);
            case PROHIBITED_TERM -> v;
            case PERSONAL_DATA_ALLOWED -> PersonalDataRules.key(v);
        };
    }

    private static String domain(String value) {
        String host = value.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("[/:?#].*$", "");
        if (!host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            throw new InvalidRequestException("policy.listDomain", "not a domain name: " + value, value);
        }
        return host;
    }

    private Snapshot load(Instant now) {
        Map<ListName, Map<String, String>> lists = new EnumMap<>(ListName.class);
        jdbc.sql("select list, value, reason from policy_list_entry order by id").query(rs -> {
            lists.computeIfAbsent(ListName.valueOf(rs.getString(1)), k -> new LinkedHashMap<>())
                    .put(rs.getString(2), rs.getString(3));
        });
        return new Snapshot(lists, now);
    }
}
