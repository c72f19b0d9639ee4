package org.kohogateway.gateway.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.ProfileNoncompliant;
import org.kohogateway.gateway.audit.AuditAnchor;
import org.kohogateway.gateway.audit.AuditAnchored;
import org.kohogateway.gateway.crisis.PauseChanged;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.DeliveryNeedsAttention;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostAwaitingApproval;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostsAwaitingApproval;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Contact;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.RoleGrant;
import org.kohogateway.gateway.staff.RoleGrantChanged;
import org.kohogateway.gateway.staff.RoleGrants;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.weather.WeatherWarningChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Hears what the other features announce and writes the notifications into the outbox, after the announcing
 * transaction committed, in a transaction of its own: a notification never slows a post, an approval or a pause, and
 * never rolls it back. Spring Modulith's event publication registry keeps each announcement with the change that made
 * it, so a notification exists exactly when its change committed: one that cannot be written now (or whose instance
 * died) is tried again ({@code EventRetries}). Who is told is decided here:
 *
 * <ul>
 * <li>a delivery FAILED: the post's author; UNCERTAIN: the author, PR officers and admins (who settle it); HELD: the
 * author and whoever may give it a new time (the department's approvers, PR officers on the PR routes);</li>
 * <li>a post waits for approval: the department's approvers (DEPARTMENT route) or PR officers (PR_REVIEW), never the
 * author;</li>
 * <li>a pause or resume: the staff of the departments running the affected accounts, admins and PR officers, except
 * the person who did it, with the reason, who may still post and when it ends;</li>
 * <li>a role grant requested, confirmed or refused: the person it concerns; a request also whoever may confirm it
 * ({@link RoleGrants#deciders}), never the admin who asked;</li>
 * <li>an account's profile stopped complying: the account's department and PR officers;</li>
 * <li>a weather warning changed for the city's area: the configured disaster-prevention department and PR officers
 * (who may have to post about it);</li>
 * <li>the audit chain was anchored: auditors and admins, who keep the signed head outside the gateway;</li>
 * </ul>
 * each only with an e-mail address and unless they switched that kind off; plus every webhook subscribed to the kind
 * (and to the department, where it names one).
 */
@Component
class NotificationRecorder {

    private static final int EXCERPT = 40;

    private final PostWorkflow posts;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final RoleGrants grants;
    private final NotificationSettings settings;
    private final Webhooks webhooks;
    private final MailChannel mail;
    private final Outbox outbox;
    private final NotificationProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    NotificationRecorder(PostWorkflow posts, OfficialAccounts accounts, StaffDirectory staff, RoleGrants grants,
            NotificationSettings settings, Webhooks webhooks, MailChannel mail, Outbox outbox,
            NotificationProperties properties, JsonMapper json, Clock clock) {
        this.posts = posts;
        this.accounts = accounts;
        this.staff = staff;
        this.grants = grants;
        this.settings = settings;
        this.webhooks = webhooks;
        this.mail = mail;
        this.outbox = outbox;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /** Who hears of an event: these people, plus holders of any of these roles (in that department, if one). */
    private record Audience(Set<Long> people, Set<Role> roles, @Nullable Long roleDepartment, Set<Long> excluded) {
    }

    private record Event(NotificationKind kind, @Nullable Long departmentId, Map<String, Object> data,
            Audience audience) {
    }

    @ApplicationModuleListener
    void on(DeliveryNeedsAttention attention) {
        record(() -> {
            Post post = posts.get(attention.postId());
            OfficialAccount account = accounts.get(attention.accountId());
            NotificationKind kind = switch (attention.status()) {
                case FAILED -> NotificationKind.DELIVERY_FAILED;
                case UNCERTAIN -> NotificationKind.DELIVERY_UNCERTAIN;
                case HELD -> NotificationKind.DELIVERY_HELD;
                default -> throw new IllegalArgumentException("no notification for " + attention.status());
            };
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("deliveryId", attention.deliveryId().toString());
            data.put("postId", post.id().toString());
            data.put("accountId", account.id());
            data.put("accountName", account.name());
            data.put("platform", account.platform().name());
            data.put("status", attention.status().name());
            data.put("reason", attention.reason() == null ? "" : attention.reason());
            data.put("author", staff.byId(post.authorId()).username());
            data.put("excerpt", excerpt(post.content().text()));
            Audience audience = switch (kind) {
                case DELIVERY_UNCERTAIN -> new Audience(Set.of(post.authorId()), Set.of(Role.PR_OFFICER, Role.ADMIN),
                        null, Set.of());
                case DELIVERY_HELD -> approvers(post.route(), post.departmentId(), Set.of(post.authorId()), Set.of());
                default -> new Audience(Set.of(post.authorId()), Set.of(), null, Set.of());
            };
            return new Event(kind, account.departmentId(), data, audience);
        });
    }

    @ApplicationModuleListener
    void on(PostAwaitingApproval waiting) {
        record(() -> approvalWaiting(waiting, staff.byId(waiting.authorId()).username(),
                posts.get(waiting.postId())));
    }

    /**
     * The posts of one import chunk, in one transaction: they are read together, and they share their author and
     * mostly their route and department, so the author's name, who is told and the webhooks are looked up once per
     * kind of audience, not once per post. Each post gets the notifications it would get alone; a post not found
     * fails the whole event, which is tried again, as one alone would be.
     */
    @ApplicationModuleListener
    void on(PostsAwaitingApproval waiting) {
        if (!properties.enabled()) {
            return;
        }
        Map<PostId, Post> found = posts.getAll(waiting.posts().stream().map(PostAwaitingApproval::postId).toList());
        Map<Long, String> authors = new HashMap<>();
        Map<Recipients.Key, Recipients> recipients = new HashMap<>();
        for (PostAwaitingApproval one : waiting.posts()) {
            Post post = found.get(one.postId());
            if (post == null) {
                throw new NotFoundException("post.notFound", "no post " + one.postId(), one.postId());
            }
            String author = authors.computeIfAbsent(one.authorId(), id -> staff.byId(id).username());
            Event event = approvalWaiting(one, author, post);
            enqueue(event, recipients.computeIfAbsent(new Recipients.Key(event.kind(), event.departmentId(),
                    event.audience()), key -> recipients(event)));
        }
    }

    private Event approvalWaiting(PostAwaitingApproval waiting, String author, Post post) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("postId", post.id().toString());
        data.put("route", waiting.route().name());
        data.put("author", author);
        data.put("accountIds", post.accountIds());
        data.put("excerpt", excerpt(post.content().text()));
        data.put("scheduledAt", post.scheduledAt() == null ? null : post.scheduledAt().toString());
        return new Event(NotificationKind.APPROVAL_WAITING, waiting.departmentId(), data,
                approvers(waiting.route(), waiting.departmentId(), Set.of(), Set.of(waiting.authorId())));
    }

    @ApplicationModuleListener
    void on(PauseChanged change) {
        record(() -> {
            OfficialAccount account = change.accountId() == null ? null : accounts.get(change.accountId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("accountId", change.accountId());
            data.put("accountName", account == null ? null : account.name());
            data.put("by", change.actor());
            data.put("reason", change.reason());
            if (change.paused()) {
                data.put("exceptDepartment", change.exceptDepartmentId() == null ? null
                        : staff.department(change.exceptDepartmentId()).name());
                data.put("exceptCategory", change.exceptCategory() == null ? null : change.exceptCategory().name());
                data.put("endsAt", change.endsAt() == null ? null : change.endsAt().toString());
            } else {
                data.put("heldForNewTime", change.held());
            }
            // everyone whose posts it stops or lets go again: the staff of the departments running the affected
            // accounts, besides PR officers and admins
            Set<Long> departments = account != null ? Set.of(account.departmentId())
                    : Set.copyOf(accounts.all().stream().map(OfficialAccount::departmentId).toList());
            Set<Long> affected = new HashSet<>();
            departments.forEach(d -> staff.inDepartment(d).forEach(s -> affected.add(s.id())));
            Set<Long> actor = staff.findByUsername(change.actor()).map(Staff::id).map(Set::of).orElse(Set.of());
            affected.removeAll(actor);
            return new Event(change.paused() ? NotificationKind.SENDING_PAUSED : NotificationKind.SENDING_RESUMED,
                    account == null ? null : account.departmentId(), data,
                    new Audience(affected, Set.of(Role.ADMIN, Role.PR_OFFICER), null, actor));
        });
    }

    @ApplicationModuleListener
    void on(RoleGrantChanged change) {
        record(() -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("username", change.username());
            data.put("role", change.role().name());
            data.put("status", change.status().name());
            data.put("by", change.actor());
            Set<Long> people = new HashSet<>(Set.of(change.staffId()));
            if (change.status() == RoleGrant.Status.PENDING) {
                people.addAll(grants.deciders(change.staffId(), change.actor()));
            }
            return new Event(NotificationKind.ROLE_GRANT, null, data, new Audience(people, Set.of(), null, Set.of()));
        });
    }

    @ApplicationModuleListener
    void on(ProfileNoncompliant noncompliant) {
        record(() -> {
            OfficialAccount account = accounts.get(noncompliant.accountId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("accountId", account.id());
            data.put("accountName", account.name());
            data.put("platform", account.platform().name());
            data.put("gaps", noncompliant.gaps().stream().map(Enum::name).sorted().toList());
            // the department runs the account and fixes its profile; PR keeps the public list of official accounts
            Set<Long> department = Set.copyOf(staff.inDepartment(account.departmentId()).stream().map(Staff::id)
                    .toList());
            return new Event(NotificationKind.PROFILE_NONCOMPLIANT, account.departmentId(), data,
                    new Audience(department, Set.of(Role.PR_OFFICER), null, Set.of()));
        });
    }

    @ApplicationModuleListener
    void on(WeatherWarningChanged change) {
        record(() -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("warningEventId", change.warningEventId());
            data.put("kindCode", change.kindCode());
            data.put("kindName", change.kindName());
            data.put("areaCode", change.areaCode());
            data.put("areaName", change.areaName());
            data.put("status", change.status());
            data.put("change", change.change().name());
            data.put("reportedAt", change.reportedAt().toString());
            Long departmentId = change.departmentCode() == null ? null
                    : staff.departmentByCode(change.departmentCode()).map(Department::id).orElse(null);
            Set<Long> department = departmentId == null ? Set.of()
                    : Set.copyOf(staff.inDepartment(departmentId).stream().map(Staff::id).toList());
            return new Event(NotificationKind.WEATHER_WARNING, departmentId, data,
                    new Audience(department, Set.of(Role.PR_OFFICER), null, Set.of()));
        });
    }

    @ApplicationModuleListener
    void on(AuditAnchored anchored) {
        record(() -> {
            AuditAnchor anchor = anchored.anchor();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("number", anchor.number());
            data.put("chainPos", anchor.chainPos());
            data.put("seq", anchor.seq());
            data.put("hash", anchor.hash());
            data.put("anchoredAt", anchor.anchoredAt().toString());
            data.put("keyId", anchor.keyId());
            data.put("signature", anchor.signature());
            data.put("signed", anchor.signed());
            return new Event(NotificationKind.AUDIT_ANCHORED, null, data,
                    new Audience(Set.of(), Set.of(Role.AUDITOR, Role.ADMIN), null, Set.of()));
        });
    }

    private static Audience approvers(ApprovalRoute route, long departmentId, Set<Long> people, Set<Long> excluded) {
        return switch (route) {
            case DEPARTMENT -> new Audience(people, Set.of(Role.APPROVER), departmentId, excluded);
            // a filled template: the filler's colleagues are the nearest second person (PR may confirm too)
            case TEMPLATE_CONFIRM -> new Audience(people, Set.of(Role.POSTER, Role.APPROVER), departmentId, excluded);
            case PR_REVIEW, PR_DIRECT -> new Audience(people, Set.of(Role.PR_OFFICER), null, excluded);
        };
    }

    private void record(Supplier<Event> event) {
        if (properties.enabled()) {
            enqueue(event.get());
        }
    }

    private void enqueue(Event event) {
        enqueue(event, recipients(event));
    }

    /** Whom an event goes to: the people with an address who did not switch its kind off, and the webhooks. */
    private record Recipients(List<Contact> contacts, List<Long> webhooks) {

        private record Key(NotificationKind kind, @Nullable Long departmentId, Audience audience) {
        }
    }

    private Recipients recipients(Event event) {
        List<Contact> told = List.of();
        if (mail.available()) {
            Audience audience = event.audience();
            List<Contact> contacts = staff.contacts(audience.people(), audience.roles(), audience.roleDepartment())
                    .stream().filter(c -> !audience.excluded().contains(c.staffId())).toList();
            Set<Long> optedOut = settings.optedOut(event.kind(), contacts.stream().map(Contact::staffId).toList());
            told = contacts.stream().filter(c -> !optedOut.contains(c.staffId())).toList();
        }
        return new Recipients(told, List.copyOf(webhooks.subscribed(event.kind(), event.departmentId())));
    }

    private void enqueue(Event event, Recipients recipients) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id.toString());
        document.put("type", event.kind().name());
        document.put("occurredAt", now.toString());
        document.put("departmentId", event.departmentId());
        document.put("data", event.data());
        String body = json.writeValueAsString(document);
        for (Contact c : recipients.contacts()) {
            outbox.addEmail(id, event.kind(), c.staffId(), c.email(), body, now);
        }
        for (long webhook : recipients.webhooks()) {
            outbox.addWebhook(id, event.kind(), webhook, body, now);
        }
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.codePointCount(0, flat.length()) <= EXCERPT ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, EXCERPT)) + "…";
    }
}
