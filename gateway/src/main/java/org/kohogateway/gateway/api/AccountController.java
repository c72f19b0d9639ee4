package org.kohogateway.gateway.api;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.gateway.account.AccountPolicy;
import org.kohogateway.gateway.account.AccountProperties;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.AccountWorkflow;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.PolicyText;
import org.kohogateway.gateway.account.PolicyTexts;
import org.kohogateway.gateway.account.PolicyVersion;
import org.kohogateway.gateway.account.ProfileCheck;
import org.kohogateway.gateway.account.ProfileChecks;
import org.kohogateway.gateway.account.ProfileCompliance;
import org.kohogateway.gateway.account.ReadableAccounts;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.policy.PlatformCapabilities;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The official-account registry (guideline §5): drafting and versioning the operating policy, the opening and
 * closing workflows (department head, then PR department), and the policy text for the platform.
 */
@RestController
@RequestMapping("/api/accounts")
@Tag(name = "accounts", description = "Official accounts, their operating policy, opening and closing")
class AccountController {

    private final OfficialAccounts accounts;
    private final AccountWorkflow workflow;
    private final PolicyTexts texts;
    private final StaffDirectory staff;
    private final AccountProperties properties;
    private final MessageSource messages;

    private final ProfileChecks profiles;
    private final ApiReaders readers;
    private final ReadableAccounts readable;

    AccountController(OfficialAccounts accounts, AccountWorkflow workflow, PolicyTexts texts, StaffDirectory staff,
            AccountProperties properties, MessageSource messages, ProfileChecks profiles, ApiReaders readers,
            ReadableAccounts readable) {
        this.readers = readers;
        this.readable = readable;
        this.profiles = profiles;
        this.messages = messages;
        this.accounts = accounts;
        this.workflow = workflow;
        this.texts = texts;
        this.staff = staff;
        this.properties = properties;
    }

    /**
     * Credentials are never part of this view. The policy fields are the policy in force; while a policy change is
     * under review, {@code proposedPolicy} is the version proposed and {@code proposedChanges} names the fields it
     * changes (both empty otherwise).
     */
    record AccountView(long id, Platform platform, String name, String url, String department, AccountStatus status,
            String purpose, boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples,
            String tone, String commentHandling, boolean altTextRequired, @Nullable String administrator,
            List<String> operators, int policyVersion, @Nullable String decisionComment, @Nullable String closingReason,
            @Nullable LocalDate closingDate, @Nullable Instant closedAt, @Nullable PolicyView proposedPolicy,
            List<String> proposedChanges, TakesView takes) {
    }

    /**
     * What the account's platform takes ({@link PlatformCapabilities}, the statement the rules enforce at submit);
     * {@code noReferencesBecause} says why replies and quotes are not taken.
     */
    record TakesView(boolean replies, boolean quotes, @Nullable String noReferencesBecause, int maxImages,
            boolean imageRequired, int textLimit) {
    }

    /** A whole policy, staff by username. */
    record PolicyView(String name, String url, String purpose, @Nullable String administrator, List<String> operators,
            boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples, String tone,
            String commentHandling, boolean altTextRequired) {
    }

    record AccountRequest(Platform platform, Long departmentId, @Valid PolicyRequest policy) {
    }

    record PolicyRequest(@Size(max = 100) String name, @Size(max = 2048) String url, @Size(max = 2000) String purpose,
            @Size(max = 200) String administrator, @Size(max = 50) List<@Size(max = 200) String> operators,
            Boolean departmentApprovalRequired, ReplyPolicy replyPolicy, @Size(max = 2000) String basicPrinciples,
            @Size(max = 2000) String tone, @Size(max = 2000) String commentHandling, Boolean altTextRequired) {

        /** Leaving {@code altTextRequired} out requires alt text, the default. */
        PolicyDraft draft() {
            return new PolicyDraft(name, url, purpose, administrator, operators, departmentApprovalRequired,
                    replyPolicy, basicPrinciples, tone, commentHandling, altTextRequired);
        }
    }

    record ClosingRequest(@Size(max = 2000) String reason, LocalDate closingDate) {
    }

    record CommentRequest(@Size(max = 2000) String comment) {
    }

    record ProfileRequest(@Size(max = 10_000) String description, @Size(max = 2048) String website) {
    }

    @GetMapping
    @Operation(summary = "List the accounts you may read: those in service, and your department's in any state (every "
            + "department's for PR, admins and auditors); within a token's accounts")
    List<AccountView> list(Staff me) {
        Readers reader = readers.of(me);
        return readable.readable(reader.departmentId(), reader.accountIds()).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account, if you may read it (else 404, as for one that does not exist)")
    AccountView get(Staff me, @PathVariable long id) {
        return view(readable(me, id));
    }

    /** The account if this request may read it; else not found, so that a draft or request does not leak. */
    private OfficialAccount readable(Staff me, long id) {
        Readers reader = readers.of(me);
        return readable.readable(id, reader.departmentId(), reader.accountIds());
    }

    @PostMapping
    @Operation(summary = "Draft a new account with its operating policy (version 1)")
    ResponseEntity<AccountView> draft(Principal me, @Valid @RequestBody AccountRequest request) {
        OfficialAccount account = workflow.draft(me.getName(), request.platform(), request.departmentId(),
                request.policy() == null ? null : request.policy().draft());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.id())).body(view(account));
    }

    @PutMapping("/{id}/policy")
    @Operation(summary = "Change the operating policy of a draft: a new, audited policy version (an account in "
            + "service changes its policy through POST /{id}/policy-change)")
    AccountView changePolicy(Principal me, @PathVariable long id, @Valid @RequestBody PolicyRequest request) {
        return view(workflow.changePolicy(me.getName(), id, request.draft()));
    }

    @PostMapping("/{id}/policy-change")
    @Operation(summary = "Propose a new policy (every field) for an account in service: the department head, then the "
            + "PR department approve it through the same endpoints as an opening; until then the policy in force "
            + "stays in force. One proposal at a time (409)")
    AccountView proposePolicy(Principal me, @PathVariable long id, @Valid @RequestBody PolicyRequest request) {
        return view(workflow.proposePolicy(me.getName(), id, request.draft()));
    }

    @GetMapping("/{id}/policy/versions")
    @Operation(summary = "Every version of the policy, newest first")
    List<PolicyVersion> versions(Staff me, @PathVariable long id) {
        readable(me, id);
        return accounts.policyVersions(id);
    }

    @GetMapping("/{id}/policy/text")
    @Operation(summary = "The policy as text for the account's profile and a pinned post (§5, §6-③, §7-①)")
    PolicyText policyText(Staff me, @PathVariable long id) {
        return texts.render(readable(me, id), LocaleContextHolder.getLocale());
    }

    @PostMapping("/{id}/profile-check")
    @Operation(summary = "Check a profile as copied from the platform: homepage URL (§7-①) and no-reply notice (§6-③)")
    ProfileCompliance.Result checkProfile(@PathVariable long id, @Valid @RequestBody ProfileRequest request) {
        OfficialAccount account = accounts.get(id);
        ProfileReading reading = account.platform() == Platform.LINE
                ? new ProfileReading.NotCheckable(
                        messages.getMessage("profile.notCheckable", new Object[] {"LINE"}, LocaleContextHolder.getLocale()))
                : new ProfileReading.Profile(account.name(),
                        request.description() == null ? "" : request.description(),
                        Optional.ofNullable(request.website()));
        return ProfileCompliance.check(reading, account.policy().replyPolicy(), properties.homepageUrl());
    }

    @PostMapping("/{id}/test-connection")
    @Operation(summary = "Read the live profile through the account's connector (proves the credentials) and check it; "
            + "the result is stored and a change of result audited (ADMIN, PR_OFFICER)")
    ProfileCheck testConnection(Principal me, @PathVariable long id) {
        return profiles.testConnection(me.getName(), id);
    }

    /** @param hold whether deliveries wait while the profile does not comply */
    record ProfileHold(boolean hold) {
    }

    @PutMapping("/{id}/profile-hold")
    @Operation(summary = "Whether the account's deliveries wait while its live profile does not comply (default off); "
            + "audited (ADMIN, PR_OFFICER)")
    ProfileHold profileHold(Principal me, @PathVariable long id, @RequestBody ProfileHold hold) {
        profiles.holdWhenNoncompliant(me.getName(), id, hold.hold());
        return hold;
    }

    @GetMapping("/{id}/profile-checks")
    @Operation(summary = "Stored live profile checks, newest first (at activation, on schedule, test connection)")
    List<ProfileCheck> profileChecks(Staff me, @PathVariable long id) {
        readable(me, id);
        return profiles.history(id, 50);
    }

    /** Secrets by field name (LINE: channelAccessToken; X, Facebook, Instagram: see the README). */
    record CredentialsRequest(@NotEmpty @Size(max = 10) Map<@NotBlank @Size(max = 100) String,
            @NotBlank @Size(max = 4096) String> values) {
    }

    @PutMapping("/{id}/credentials")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Replace the platform credentials (ADMIN). Write-only: no endpoint ever returns them")
    void credentials(Principal me, @PathVariable long id, @Valid @RequestBody CredentialsRequest request) {
        accounts.replaceCredentials(me.getName(), id, new PlatformCredentials(request.values()));
    }

    @PostMapping("/{id}/submit")
    @Operation(summary = "Send a draft to the department head")
    AccountView submit(Principal me, @PathVariable long id) {
        return view(workflow.submit(me.getName(), id));
    }

    @PostMapping("/{id}/department-approve")
    @Operation(summary = "Department head approves the opening, policy change or closing request")
    AccountView approveAsDepartment(Principal me, @PathVariable long id,
            @Valid @RequestBody(required = false) CommentRequest request) {
        return view(workflow.approveAsDepartment(me.getName(), id, comment(request)));
    }

    @PostMapping("/{id}/department-reject")
    @Operation(summary = "Department head sends the request back, with a comment")
    AccountView rejectAsDepartment(Principal me, @PathVariable long id,
            @Valid @RequestBody(required = false) CommentRequest request) {
        return view(workflow.rejectAsDepartment(me.getName(), id, comment(request)));
    }

    @PostMapping("/{id}/pr-approve")
    @Operation(summary = "PR department approves: the account opens, its proposed policy becomes the new version, or "
            + "its closing is scheduled")
    AccountView approveAsPr(Principal me, @PathVariable long id,
            @Valid @RequestBody(required = false) CommentRequest request) {
        return view(workflow.approveAsPr(me.getName(), id, comment(request)));
    }

    @PostMapping("/{id}/pr-reject")
    @Operation(summary = "PR department sends the request back, with a comment")
    AccountView rejectAsPr(Principal me, @PathVariable long id,
            @Valid @RequestBody(required = false) CommentRequest request) {
        return view(workflow.rejectAsPr(me.getName(), id, comment(request)));
    }

    @PostMapping("/{id}/closing")
    @Operation(summary = "Request closing the account, with the reason and the closing date (city time)")
    AccountView requestClosing(Principal me, @PathVariable long id, @Valid @RequestBody ClosingRequest request) {
        return view(workflow.requestClosing(me.getName(), id, request.reason(), request.closingDate()));
    }

    private static @Nullable String comment(@Nullable CommentRequest request) {
        return request == null ? null : request.comment();
    }

    private AccountView view(OfficialAccount a) {
        PolicyView current = policyView(a.accountPolicy());
        return new AccountView(a.id(), a.platform(), current.name(), current.url(),
                staff.department(a.departmentId()).name(), a.status(), current.purpose(),
                current.departmentApprovalRequired(), current.replyPolicy(), current.basicPrinciples(), current.tone(),
                current.commentHandling(), current.altTextRequired(), current.administrator(), current.operators(), a.policyVersion(),
                a.decisionComment(), a.closingReason(), a.closingDate(), a.closedAt(),
                a.proposedPolicy() == null ? null : policyView(a.proposedPolicy()), a.proposedChanges(),
                takesView(PlatformCapabilities.of(a.platform())));
    }

    private TakesView takesView(PlatformCapabilities takes) {
        return new TakesView(takes.replies(), takes.quotes(), takes.replies() && takes.quotes() ? null
                : messages.getMessage(takes.referencesReasonCode(), null, LocaleContextHolder.getLocale()),
                takes.maxImages(), takes.imageRequired(), takes.textLimit());
    }

    private PolicyView policyView(AccountPolicy policy) {
        var operating = policy.operating();
        return new PolicyView(policy.name(), policy.url(), policy.purpose(),
                policy.administratorId() == null ? null : staff.byId(policy.administratorId()).username(),
                policy.operatorIds().stream().map(id -> staff.byId(id).username()).toList(),
                operating.departmentApprovalRequired(), operating.replyPolicy(), operating.basicPrinciples(),
                operating.tone(), operating.commentHandling(), operating.altTextRequired());
    }
}
