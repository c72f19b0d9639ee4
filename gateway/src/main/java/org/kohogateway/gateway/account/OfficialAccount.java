package org.kohogateway.gateway.account;

import static org.kohogateway.gateway.account.AccountStatus.ACTIVE;
import static org.kohogateway.gateway.account.AccountStatus.CHANGE_PENDING_DEPARTMENT;
import static org.kohogateway.gateway.account.AccountStatus.CHANGE_PENDING_PR;
import static org.kohogateway.gateway.account.AccountStatus.CLOSED;
import static org.kohogateway.gateway.account.AccountStatus.CLOSING_PENDING_DEPARTMENT;
import static org.kohogateway.gateway.account.AccountStatus.CLOSING_PENDING_PR;
import static org.kohogateway.gateway.account.AccountStatus.CLOSING_SCHEDULED;
import static org.kohogateway.gateway.account.AccountStatus.DRAFT;
import static org.kohogateway.gateway.account.AccountStatus.PENDING_DEPARTMENT;
import static org.kohogateway.gateway.account.AccountStatus.PENDING_PR;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * An official account (公式アカウント) with its operating policy and its opening, policy change and closing workflows
 * (guideline §5): the owning department's head approves, then the PR department reviews; a rejection at either step
 * sends the request back (opening to DRAFT, policy change and closing to ACTIVE, the policy in force unchanged).
 * Every change is refused with a message naming the current state when that state does not allow it.
 *
 * <p>Longer than the gateway's other classes: the three workflows are one state machine over one status and share
 * who requested and who decided each step, so separation of duties is checked in one place; the policy's fields by
 * name are {@link PolicyFields}.
 */
public final class OfficialAccount {

    private long id;
    private final Platform platform;
    private final long departmentId;
    private AccountStatus status;
    private AccountPolicy policy;
    private int policyVersion;
    /** Who sent the current request on its way: they may not decide it themselves. */
    private @Nullable Long requestedBy;
    /** Who decided the department step: the PR review must be somebody else. */
    private @Nullable Long departmentDecidedBy;
    private @Nullable String decisionComment;
    private @Nullable String closingReason;
    private @Nullable LocalDate closingDate;
    private @Nullable Instant closedAt;
    /** The new policy version under review while a policy change is pending; the policy in force stays in force. */
    private @Nullable AccountPolicy proposedPolicy;
    private final int version;
    private boolean policyChanged;
    private final List<AccountEvent> events = new ArrayList<>();

    OfficialAccount(long id, Platform platform, long departmentId, AccountStatus status, AccountPolicy policy,
            int policyVersion, @Nullable Long requestedBy, @Nullable Long departmentDecidedBy,
            @Nullable String decisionComment, @Nullable String closingReason, @Nullable LocalDate closingDate,
            @Nullable Instant closedAt, @Nullable AccountPolicy proposedPolicy, int version) {
        this.id = id;
        this.platform = Objects.requireNonNull(platform, "platform");
        this.departmentId = departmentId;
        this.status = Objects.requireNonNull(status, "status");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.policyVersion = policyVersion;
        this.requestedBy = requestedBy;
        this.departmentDecidedBy = departmentDecidedBy;
        this.decisionComment = decisionComment;
        this.closingReason = closingReason;
        this.closingDate = closingDate;
        this.closedAt = closedAt;
        this.proposedPolicy = proposedPolicy;
        this.version = version;
    }

    /** A new account's policy as drafted by its department (or an admin), version 1. */
    static OfficialAccount draft(Staff actor, Platform platform, long departmentId, AccountPolicy policy) {
        OfficialAccount account = new OfficialAccount(0, platform, departmentId, DRAFT, policy, 1, null, null, null,
                null, null, null, null, 0);
        if (!account.mayManage(actor)) {
            throw new NotPermittedException("account.notManager",
                    "only an admin or a poster or approver of the owning department may manage this account");
        }
        account.policyChanged = true;
        account.event("ACCOUNT_DRAFTED", null, account.snapshot());
        return account;
    }

    /** An account registered as already approved (demo data, migration of accounts opened on paper). */
    static OfficialAccount registered(Platform platform, long departmentId, AccountPolicy policy) {
        OfficialAccount account = new OfficialAccount(0, platform, departmentId, ACTIVE, policy, 1, null, null, null,
                null, null, null, null, 0);
        account.policyChanged = true;
        account.event("ACCOUNT_REGISTERED", null, account.snapshot());
        return account;
    }

    /** A new version of a draft's policy: nobody has approved it yet, so whoever manages the account edits it. */
    void changePolicy(Staff actor, AccountPolicy next) {
        requireStatus("changePolicy", DRAFT);
        requireManager(actor);
        if (next.equals(policy)) {
            throw new InvalidRequestException("account.policyUnchanged", "the policy is unchanged");
        }
        adopt(next);
    }

    /**
     * A new policy for an account in service. Its policy is what the department head and the PR department approved
     * at opening, so any change of it — name, URL, purpose, administrator, operators, approval route, replies, texts —
     * walks the same two steps (§5): otherwise a department could move post approval away from its head (§6-②) or
     * change the public list without review. Until the PR department approves, posts follow the policy in force.
     */
    void proposePolicy(Staff actor, AccountPolicy next) {
        refuseWhilePolicyChangePending("proposePolicy");
        requireStatus("proposePolicy", ACTIVE);
        requireManager(actor);
        List<String> changes = PolicyFields.changed(policy, next);
        if (changes.isEmpty()) {
            throw new InvalidRequestException("account.policyUnchanged", "the policy is unchanged");
        }
        proposedPolicy = next;
        requestedBy = actor.id();
        departmentDecidedBy = null;
        decisionComment = null;
        Map<String, Object> detail = PolicyFields.of(next);
        detail.put("changes", changes);
        detail.put("policyVersion", policyVersion);
        transition(CHANGE_PENDING_DEPARTMENT, "ACCOUNT_POLICY_CHANGE_PROPOSED", detail);
    }

    /** The fields the proposed policy changes, in reading order; empty when no change is proposed. */
    public List<String> proposedChanges() {
        return proposedPolicy == null ? List.of() : PolicyFields.changed(policy, proposedPolicy);
    }

    private void adopt(AccountPolicy next) {
        AccountStatus before = status;
        policy = next;
        policyVersion++;
        policyChanged = true;
        event("ACCOUNT_POLICY_CHANGED", before, snapshot());
    }

    private void refuseWhilePolicyChangePending(String action) {
        if (status.policyChange()) {
            throw new IllegalTransitionException("account.policyChangePending",
                    "cannot " + action + " while a policy change is " + status + "; it must be decided first", action,
                    status);
        }
    }

    void submit(Staff actor) {
        requireStatus("submit", DRAFT);
        requireManager(actor);
        if (policy.administratorId() == null) {
            throw new InvalidRequestException("account.administratorRequired", "the policy names no administrator");
        }
        requestedBy = actor.id();
        departmentDecidedBy = null;
        decisionComment = null;
        transition(PENDING_DEPARTMENT, "ACCOUNT_SUBMITTED", Map.of("policyVersion", policyVersion));
    }

    void approveAsDepartment(Staff actor, @Nullable String comment) {
        requireStatus("approveAsDepartment", PENDING_DEPARTMENT, CHANGE_PENDING_DEPARTMENT,
                CLOSING_PENDING_DEPARTMENT);
        requireDepartmentHead(actor);
        departmentDecidedBy = actor.id();
        decisionComment = comment;
        transition(status.afterDepartment(), phase() + "_DEPARTMENT_APPROVED", decisionDetail(comment));
    }

    void rejectAsDepartment(Staff actor, @Nullable String comment) {
        requireStatus("rejectAsDepartment", PENDING_DEPARTMENT, CHANGE_PENDING_DEPARTMENT,
                CLOSING_PENDING_DEPARTMENT);
        requireDepartmentHead(actor);
        sendBack(comment, "_DEPARTMENT_REJECTED");
    }

    void approveAsPr(Staff actor, @Nullable String comment) {
        requireStatus("approveAsPr", PENDING_PR, CHANGE_PENDING_PR, CLOSING_PENDING_PR);
        requirePrReviewer(actor);
        decisionComment = comment;
        boolean policyChange = status.policyChange();
        transition(status.afterPr(), phase() + "_PR_APPROVED", decisionDetail(comment));
        if (policyChange) {
            // only now, approved by both, does the proposal become the policy in force: a new version
            AccountPolicy approved = proposedPolicy;
            proposedPolicy = null;
            adopt(approved);
        }
    }

    void rejectAsPr(Staff actor, @Nullable String comment) {
        requireStatus("rejectAsPr", PENDING_PR, CHANGE_PENDING_PR, CLOSING_PENDING_PR);
        requirePrReviewer(actor);
        sendBack(comment, "_PR_REJECTED");
    }

    /** The closing request (廃止の稟議): reason and date, then the same two approvals as the opening. */
    void requestClosing(Staff actor, @Nullable String reason, @Nullable LocalDate date, LocalDate today) {
        refuseWhilePolicyChangePending("requestClosing");
        requireStatus("requestClosing", ACTIVE);
        requireManager(actor);
        if (reason == null || reason.isBlank()) {
            throw new InvalidRequestException("account.closingReasonRequired", "a closing request needs a reason");
        }
        if (date == null) {
            throw new InvalidRequestException("account.closingDateRequired", "a closing request needs a date");
        }
        if (date.isBefore(today)) {
            throw new InvalidRequestException("account.closingDateInPast",
                    "the closing date must be today or later", String.valueOf(date));
        }
        if (date.isAfter(today.plusYears(2))) {
            throw new InvalidRequestException("account.closingDateTooFar",
                    "the closing date is more than two years ahead", date.toString());
        }
        closingReason = reason.strip();
        closingDate = date;
        requestedBy = actor.id();
        departmentDecidedBy = null;
        decisionComment = null;
        transition(CLOSING_PENDING_DEPARTMENT, "ACCOUNT_CLOSING_REQUESTED",
                Map.of("reason", closingReason, "closingDate", closingDate.toString()));
    }

    boolean closingDue(LocalDate today) {
        return status == CLOSING_SCHEDULED && !closingDate.isAfter(today);
    }

    /** Closes the account when its closing date has begun; the gateway does this by itself. */
    void close(LocalDate today, Instant now) {
        requireStatus("close", CLOSING_SCHEDULED);
        if (!closingDue(today)) {
            throw new IllegalTransitionException("account.closingNotDue",
                    "the account closes on " + closingDate + ", not before", closingDate.toString());
        }
        closedAt = now;
        transition(CLOSED, "ACCOUNT_CLOSED", Map.of("reason", closingReason, "closingDate", closingDate.toString()));
    }

    private void sendBack(@Nullable String comment, String action) {
        if (comment == null || comment.isBlank()) {
            throw new InvalidRequestException("account.rejectNeedsComment", "a rejection needs a comment");
        }
        String phase = phase();
        Map<String, Object> detail = decisionDetail(comment);
        if (status.closing()) {
            detail.put("reason", closingReason);
            closingReason = null;
            closingDate = null;
        }
        if (status.policyChange()) {
            // the proposal is discarded; the policy in force never changed
            detail.put("changes", proposedChanges());
            proposedPolicy = null;
        }
        requestedBy = null;
        departmentDecidedBy = null;
        decisionComment = comment;
        transition(status.afterRejection(), phase + action, detail);
    }

    private String phase() {
        return status.closing() ? "ACCOUNT_CLOSING" : status.policyChange() ? "ACCOUNT_POLICY_CHANGE" : "ACCOUNT_OPENING";
    }

    private Map<String, Object> decisionDetail(@Nullable String comment) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("comment", comment == null ? "" : comment);
        detail.put("policyVersion", policyVersion);
        return detail;
    }

    /** Drafts, edits, submits and requests the closing: an admin, the policy's administrator, or the department. */
    public boolean mayManage(Staff actor) {
        return actor.has(Role.ADMIN) || Objects.equals(policy.administratorId(), actor.id())
                || (actor.departmentId() == departmentId && (actor.has(Role.POSTER) || actor.has(Role.APPROVER)));
    }

    /**
     * Whether the current step of the request is this person's to decide: the head of the owning department on the
     * department's step, a PR officer on the PR department's (each decision still refuses the requester).
     */
    public boolean awaitsDecisionBy(Staff actor) {
        return actor.has(Role.APPROVER) && actor.departmentId() == departmentId
                && AccountStatus.DEPARTMENT_STEP.contains(status)
                || actor.has(Role.PR_OFFICER) && atPrStep();
    }

    /** Whether the request waits for the PR department's review (else, for the department's decision). */
    public boolean atPrStep() {
        return AccountStatus.PR_STEP.contains(status);
    }

    /** A draft's policy is changed in place; an account in service only ever proposes a new one, for review. */
    public boolean policyEditable() {
        return status == DRAFT || policyProposed();
    }

    /** Whether a policy change is a proposal for review (an account in service) rather than an edit of the draft. */
    public boolean policyProposed() {
        return status == ACTIVE;
    }

    private void requireManager(Staff actor) {
        if (!mayManage(actor)) {
            throw new NotPermittedException("account.notManager",
                    "only an admin or a poster or approver of the owning department may manage this account");
        }
    }

    private void requireDepartmentHead(Staff actor) {
        if (!actor.has(Role.APPROVER)) {
            throw new NotPermittedException("account.notApprover", "this step needs the APPROVER role");
        }
        if (actor.departmentId() != departmentId) {
            throw new NotPermittedException("account.wrongDepartment",
                    "only the head of the owning department decides this step");
        }
        if (Objects.equals(requestedBy, actor.id())) {
            throw new NotPermittedException("account.selfApproval", "nobody decides their own request");
        }
    }

    private void requirePrReviewer(Staff actor) {
        if (!actor.has(Role.PR_OFFICER)) {
            throw new NotPermittedException("account.needsPr", "this step is the PR department's review");
        }
        if (Objects.equals(requestedBy, actor.id()) || Objects.equals(departmentDecidedBy, actor.id())) {
            throw new NotPermittedException("account.selfApproval", "nobody decides their own request");
        }
    }

    private void requireStatus(String action, AccountStatus... allowed) {
        for (AccountStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new IllegalTransitionException("account.illegalTransition",
                "cannot " + action + " an account that is " + status, action, status);
    }

    private void transition(AccountStatus next, String action, Map<String, ?> detail) {
        AccountStatus before = status;
        status = next;
        events.add(new AccountEvent(action, before.name(), next.name(), detail));
    }

    private void event(String action, @Nullable AccountStatus before, Map<String, ?> detail) {
        events.add(new AccountEvent(action, before == null ? null : before.name(), status.name(), detail));
    }

    /** The policy as a version records it: ids, not names, so a renamed member of staff does not rewrite history. */
    Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", policyVersion);
        s.put("platform", platform.name());
        s.put("departmentId", departmentId);
        s.putAll(PolicyFields.of(policy));
        return s;
    }

    void assignId(long assigned) {
        id = assigned;
    }

    boolean policyChanged() {
        return policyChanged;
    }

    List<AccountEvent> drainEvents() {
        List<AccountEvent> drained = List.copyOf(events);
        events.clear();
        policyChanged = false;
        return drained;
    }

    /** In service: takes posts and is on the public list, including while its closing waits for its date. */
    public boolean active() {
        return status.inService();
    }

    public long id() {
        return id;
    }

    public Platform platform() {
        return platform;
    }

    public String name() {
        return policy.name();
    }

    public String url() {
        return policy.url();
    }

    public long departmentId() {
        return departmentId;
    }

    public AccountStatus status() {
        return status;
    }

    /**
     * Whether this person posts to the account (§2): an operator its policy names, or a PR officer for the PR
     * department's own accounts (PR_OFFICER counts only in the PR department). Every policy a person writes names
     * operators; an account registered directly (bootstrap, demo, tests) or before operators were required names none,
     * and is operated by its department's posters — the rule the gateway applied before, so such accounts keep
     * working until a new policy version names their operators.
     */
    public boolean operatedBy(Staff author) {
        if (author.has(Role.PR_OFFICER) && author.departmentId() == departmentId) {
            return true;
        }
        return policy.operatorIds().isEmpty() ? author.has(Role.POSTER) && author.departmentId() == departmentId
                : policy.operatorIds().contains(author.id());
    }

    public String purpose() {
        return policy.purpose();
    }

    /** The part of the policy the post rules enforce. */
    public OperatingPolicy policy() {
        return policy.operating();
    }

    public AccountPolicy accountPolicy() {
        return policy;
    }

    /** The policy version under review, not in force; null unless a policy change is pending. */
    public @Nullable AccountPolicy proposedPolicy() {
        return proposedPolicy;
    }

    public int policyVersion() {
        return policyVersion;
    }

    public @Nullable String decisionComment() {
        return decisionComment;
    }

    public @Nullable String closingReason() {
        return closingReason;
    }

    public @Nullable LocalDate closingDate() {
        return closingDate;
    }

    public @Nullable Instant closedAt() {
        return closedAt;
    }

    @Nullable Long requestedBy() {
        return requestedBy;
    }

    @Nullable Long departmentDecidedBy() {
        return departmentDecidedBy;
    }

    int version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OfficialAccount other && id == other.id;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "OfficialAccount[" + id + " " + platform + " " + policy.name() + " " + status + "]";
    }
}
