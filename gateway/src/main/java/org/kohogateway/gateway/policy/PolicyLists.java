package org.kohogateway.gateway.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Links;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.google.common.net.InternetDomainName;

/**
 * The rules' configurable lists, kept in the database so admins change them without a redeploy. A change that lets
 * more through (weakening) is only requested here; it takes effect when a second person confirms it (four eyes). Read through a
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
    private final PolicyListChanges changes;
    private final Clock clock;
    private volatile @Nullable Snapshot snapshot;

    PolicyLists(JdbcClient jdbc, AuditTrail audit, StaffDirectory staff, PolicyListChanges changes, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * The list entries at one moment: value → reason; and each prohibited term as the rules compare it (folded once
     * per snapshot rather than once per term on every check).
     */
    record Snapshot(Map<ListName, Map<String, String>> lists, Instant loadedAt, Map<String, String> foldedTerms) {

        Snapshot(Map<ListName, Map<String, String>> lists, Instant loadedAt) {
            this(lists, loadedAt, ContentRules.folded(lists.getOrDefault(ListName.PROHIBITED_TERM, Map.of())));
        }

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

    public record Entry(ListName list, String value, @Nullable String reason) {
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(ListName list) {
        return jdbc.sql("select list, value, reason from policy_list_entry where list = :list order by value")
                .param("list", list.name())
                .query((rs, n) -> new Entry(ListName.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** What a change did: {@code applied} at once (a strengthening), or {@code pending} a second person. */
    public record Outcome(@Nullable Entry applied, @Nullable PolicyListChange pending) {

        public boolean isPending() {
            return pending != null;
        }
    }

    /** Adds an entry to a block list at once; to an allow list, as a request another person confirms. */
    @Transactional
    public Outcome add(String actor, ListName list, String value, @Nullable String reason) {
        requireAdmin(actor);
        String normalized = normalize(list, value);
        if (list == ListName.OFFICIAL_DOMAIN) {
            requireHostName(normalized);
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() > MAX_REASON) {
            throw new InvalidRequestException("policy.listReasonTooLong", "a reason has at most " + MAX_REASON
                    + " characters", MAX_REASON);
        }
        if (why.isEmpty() && list.reasonRequired()) {
            throw new InvalidRequestException("policy.listReasonRequired", list + " entries need a reason", list);
        }
        if (list == ListName.PERSONAL_DATA_ALLOWED) {
            requireOfficialSource(why);
        }
        if (list.weakenedBy(true)) {
            if (contains(list, normalized)) {
                throw duplicate(list, normalized);
            }
            return new Outcome(null, request(actor, list, true, normalized, why));
        }
        return new Outcome(insert(actor, list, normalized, why, Map.of("reason", why)), null);
    }

    /** Removes an entry from an allow list at once; from a block list, as a request another person confirms. */
    @Transactional
    public Outcome remove(String actor, ListName list, String value) {
        requireAdmin(actor);
        String normalized = normalize(list, value);
        if (!contains(list, normalized)) {
            throw new NotFoundException("policy.listEntryNotFound", list + " has no " + normalized, list, normalized);
        }
        if (list.weakenedBy(false)) {
            return new Outcome(null, request(actor, list, false, normalized, ""));
        }
        delete(actor, list, normalized, Map.of());
        return new Outcome(new Entry(list, normalized, null), null);
    }

    /** The requests to weaken a list that wait for a second person, oldest first. */
    @Transactional(readOnly = true)
    public List<PolicyListChange> pendingChanges() {
        return changes.pending();
    }

    /** A second person (admin or PR officer, not the requester) lets the requested weakening take effect. */
    @Transactional
    public PolicyListChange confirm(String actor, long changeId) {
        // the second pair of eyes is a decision: a person, or a token issued for decisions with the second factor
        ActingStaff.requireDecisionScope(actor);
        PolicyListChange change = changes.decide(actor, changeId, PolicyListChange.Status.CONFIRMED);
        audit.record(actor, "POLICY_LIST_CHANGE_CONFIRMED", "POLICY_LIST", change.list().name(), null, null,
                decisionDetail(change));
        Map<String, Object> detail = Map.of("changeId", change.id(), "requestedBy", change.requestedBy());
        if (change.adding()) {
            // someone may have added it meanwhile (e.g. a second request after a refusal): the list holds it either way
            if (!contains(change.list(), change.value())) {
                insert(actor, change.list(), change.value(), change.reason(), detail);
            }
        } else if (contains(change.list(), change.value())) {
            delete(actor, change.list(), change.value(), detail);
        }
        return change;
    }

    /** A second person turns the request down; the list stays as it was. */
    @Transactional
    public PolicyListChange refuse(String actor, long changeId) {
        PolicyListChange change = changes.decide(actor, changeId, PolicyListChange.Status.REFUSED);
        audit.record(actor, "POLICY_LIST_CHANGE_REFUSED", "POLICY_LIST", change.list().name(), null, null,
                decisionDetail(change));
        return change;
    }

    private PolicyListChange request(String actor, ListName list, boolean adding, String value, String reason) {
        PolicyListChange change = changes.request(actor, list, adding, value, reason);
        audit.record(actor, "POLICY_LIST_CHANGE_REQUESTED", "POLICY_LIST", list.name(), null, null,
                Map.of("changeId", change.id(), "operation", change.operation(), "value", value, "reason", reason));
        return change;
    }

    private static Map<String, Object> decisionDetail(PolicyListChange change) {
        return Map.of("changeId", change.id(), "operation", change.operation(), "value", change.value(),
                "requestedBy", change.requestedBy());
    }

    private boolean contains(ListName list, String value) {
        return jdbc.sql("select count(*) from policy_list_entry where list = :list and value = :value")
                .param("list", list.name()).param("value", value).query(Integer.class).single() > 0;
    }

    private Entry insert(String actor, ListName list, String value, String reason, Map<String, ?> detail) {
        int added = jdbc.sql("""
                insert into policy_list_entry (list, value, reason) values (:list, :value, :reason)
                on conflict (list, value) do nothing
                """).param("list", list.name()).param("value", value).param("reason", reason).update();
        if (added == 0) {
            throw duplicate(list, value);
        }
        audit.record(actor, "POLICY_LIST_ENTRY_ADDED", "POLICY_LIST", list.name(), null, value, detail);
        snapshot = null;
        return new Entry(list, value, reason);
    }

    private void delete(String actor, ListName list, String value, Map<String, ?> detail) {
        jdbc.sql("delete from policy_list_entry where list = :list and value = :value")
                .param("list", list.name()).param("value", value).update();
        audit.record(actor, "POLICY_LIST_ENTRY_REMOVED", "POLICY_LIST", list.name(), value, null, detail);
        snapshot = null;
    }

    private static InvalidRequestException duplicate(ListName list, String value) {
        return new InvalidRequestException("policy.listDuplicate", list + " already holds " + value, list, value);
    }

    /**
     * An official domain vouches for every host under it, so it must name the city's own host, never a public suffix
     * ({@code lg.jp}, {@code co.jp}, {@code jp}) that anyone may register under, nor a name outside the public suffix
     * list (it could not be the city's).
     */
    private static void requireHostName(String host) {
        InternetDomainName name = InternetDomainName.from(host);
        if (name.isPublicSuffix() || !name.isUnderPublicSuffix()) {
            throw new InvalidRequestException("policy.officialDomainTooBroad",
                    "an official domain is a full host name, not a public suffix: " + host, host);
        }
    }

    /**
     * An allowed contact is one the city itself publishes: the reason names the page of an official domain where it
     * is published, so the second person can check it there before confirming.
     */
    private void requireOfficialSource(String reason) {
        Map<String, String> official = snapshot().get(ListName.OFFICIAL_DOMAIN);
        boolean cited = Links.in(reason).stream()
                .anyMatch(link -> link.text().startsWith("https://")
                        && Domains.firstWithin(link.host(), official.keySet()) != null);
        if (!cited) {
            throw new InvalidRequestException("policy.allowedContactSource",
                    "an allowed contact cites the official page that publishes it (https://…)");
        }
    }

    private void requireAdmin(String username) {
        if (!staff.byUsername(username).has(Role.ADMIN)) {
            throw new NotPermittedException("policy.adminOnly", "the rules' lists are changed by admins");
        }
    }

    static String normalize(ListName list, @Nullable String value) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE) {
            throw new InvalidRequestException("policy.listValue", "a list value must have 1.." + MAX_VALUE
                    + " characters", MAX_VALUE);
        }
        String v = java.text.Normalizer.normalize(value.strip(), java.text.Normalizer.Form.NFKC);
        return switch (list) {
            case OFFICIAL_DOMAIN, URL_SHORTENER, BLOCKED_DOMAIN -> domain(list, v);
            case PROHIBITED_TERM -> v;
            case PERSONAL_DATA_ALLOWED -> PersonalDataRules.key(v);
        };
    }

    private static String domain(ListName list, String value) {
        String host = value.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "").replaceFirst("[/:?#].*$", "");
        if (list == ListName.OFFICIAL_DOMAIN && !host.contains(".") && InternetDomainName.isValid(host)
                && InternetDomainName.from(host).isPublicSuffix()) {
            // a bare top-level domain ("jp") is a domain, just far too broad: say so rather than "not a domain name"
            throw new InvalidRequestException("policy.officialDomainTooBroad", "a top-level domain: " + host, host);
        }
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
