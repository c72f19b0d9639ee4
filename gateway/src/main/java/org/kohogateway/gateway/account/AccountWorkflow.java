package org.kohogateway.gateway.account;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** The use cases of the account registry; each runs in one transaction with its audit entries. */
@Service
public class AccountWorkflow {

    /** Closing dates and "today" are city-hall dates. */
    public static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");
    public static final int MAX_NAME = 100;
    public static final int MAX_URL = 2_048;
    public static final int MAX_TEXT = 2_000;
    public static final int MAX_OPERATORS = 50;

    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ProfileChecks profiles;
    private final ProfileCheckProperties profileCheck;
    private final TransactionTemplate transaction;

    AccountWorkflow(OfficialAccounts accounts, StaffDirectory staff, Clock clock, ApplicationEventPublisher events,
            ProfileChecks profiles, ProfileCheckProperties profileCheck, PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.accounts = accounts;
        this.staff = staff;
        this.clock = clock;
        this.events = events;
        this.profiles = profiles;
        this.profileCheck = profileCheck;
    }

    @Transactional
    public OfficialAccount draft(String username, @Nullable Platform platform, @Nullable Long departmentId,
            @Nullable PolicyDraft draft) {
        Staff actor = staff.byUsername(username);
        if (platform == null) {
            throw new InvalidRequestException("account.platformRequired", "a platform is required");
        }
        if (departmentId == null) {
            throw new InvalidRequestException("account.departmentRequired", "an owning department is required");
        }
        long department = staff.department(departmentId).id();
        OfficialAccount account = OfficialAccount.draft(actor, platform, department,
                policy(draft, platform, department));
        accounts.insert(account, actor.username());
        return accounts.get(account.id());
    }

    /** A new version of a draft's policy, in force at once: nobody has approved the draft yet. */
    @Transactional
    public OfficialAccount changePolicy(String username, long id, PolicyDraft draft) {
        return change(username, id, (account, actor) -> account.changePolicy(actor,
                policy(draft, account.platform(), account.departmentId())));
    }

    /** A new policy for an account in service: a proposal for the department head, then the PR department. */
    @Transactional
    public OfficialAccount proposePolicy(String username, long id, PolicyDraft draft) {
        return change(username, id, (account, actor) -> account.proposePolicy(actor,
                policy(draft, account.platform(), account.departmentId())));
    }

    @Transactional
    public OfficialAccount submit(String username, long id) {
        return change(username, id, OfficialAccount::submit);
    }

    /** Decisions are taken by people: through an API token only if it was issued for decisions. */
    @Transactional
    public OfficialAccount approveAsDepartment(String username, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(username);
        return change(username, id, (account, actor) -> account.approveAsDepartment(actor, comment));
    }

    @Transactional
    public OfficialAccount rejectAsDepartment(String username, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(username);
        return change(username, id, (account, actor) -> account.rejectAsDepartment(actor, comment));
    }

    /**
     * The PR department's approval. Where it opens the account, the live profile is checked; it is read before
     * the transaction opens, since a platform that takes 20 s to answer must not hold the account's row for as long
     * (nor hold back the sealing of the audit entries made after the transaction's own). An approved policy change is
     * not held up by the profile: the profile can only follow a new policy (say, its no-reply notice) once that
     * policy is in force; the scheduled checks then watch it.
     */
    public OfficialAccount approveAsPr(String username, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(username);
        // only someone who may make this decision costs the account a platform request; the domain decides the rest
        boolean opening = accounts.get(id).status() == AccountStatus.PENDING_PR;
        ProfileReading reading = opening && staff.byUsername(username).has(Role.PR_OFFICER) ? profiles.read(id)
                : new ProfileReading.Failed("not read");
        return transaction.execute(status -> approveAsPr(username, id, comment, reading));
    }

    private OfficialAccount approveAsPr(String username, long id, @Nullable String comment, ProfileReading reading) {
        boolean opening = accounts.get(id).status() == AccountStatus.PENDING_PR;
        OfficialAccount activated = change(username, id, (account, actor) -> account.approveAsPr(actor, comment));
        if (opening && activated.status() == AccountStatus.ACTIVE) {
            ProfileCheck check = profiles.record(id, reading, "ACTIVATION", username);
            boolean refused = check.outcome() == ProfileCompliance.Outcome.NON_COMPLIANT
                    || check.outcome() == ProfileCompliance.Outcome.READ_FAILED;
            if (refused && profileCheck.atActivation() == ProfileCheckProperties.Mode.BLOCK) {
                // thrown inside the transaction: the activation and its audit entries roll back with it
                throw new IllegalTransitionException("account.profileNotCompliant",
                        "the live profile does not comply: " + check.outcome() + " " + check.gaps() + " "
                                + check.reason(), check.outcome(), check.gaps().toString());
            }
        }
        return activated;
    }

    @Transactional
    public OfficialAccount rejectAsPr(String username, long id, @Nullable String comment) {
        ActingStaff.requireDecisionScope(username);
        return change(username, id, (account, actor) -> account.rejectAsPr(actor, comment));
    }

    @Transactional
    public OfficialAccount requestClosing(String username, long id, @Nullable String reason,
            @Nullable LocalDate closingDate) {
        if (reason != null && reason.length() > MAX_TEXT) {
            throw new InvalidRequestException("account.textTooLong", "the reason is too long", "reason", MAX_TEXT);
        }
        return change(username, id, (account, actor) -> account.requestClosing(actor, reason, closingDate, today()));
    }

    /**
     * Closes one account whose closing date has come and, through {@link AccountClosed}, cancels its pending
     * deliveries in the same transaction.
     */
    @Transactional
    public OfficialAccount close(long id) {
        OfficialAccount account = accounts.get(id);
        account.close(today(), clock.instant());
        accounts.update(account, AuditTrail.SYSTEM);
        events.publishEvent(new AccountClosed(id, account.closingReason(), account.closedAt()));
        return accounts.get(id);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CITY_TIME);
    }

    private interface Change {
        void apply(OfficialAccount account, Staff actor);
    }

    private OfficialAccount change(String username, long id, Change change) {
        Staff actor = staff.byUsername(username);
        OfficialAccount account = accounts.get(id);
        change.apply(account, actor);
        accounts.update(account, actor.username());
        return accounts.get(id);
    }

    private AccountPolicy policy(@Nullable PolicyDraft draft, Platform platform, long departmentId) {
        if (draft == null) {
            throw new InvalidRequestException("account.nameRequired", "the account needs a name");
        }
        String name = required(draft.name(), "account.nameRequired", "name", MAX_NAME);
        String url = url(platform, draft.url());
        String purpose = required(draft.purpose(), "account.purposeRequired", "purpose", MAX_TEXT);
        if (draft.replyPolicy() == null) {
            throw new InvalidRequestException("account.replyPolicyRequired", "the policy must say how replies work");
        }
        if (draft.departmentApprovalRequired() == null) {
            throw new InvalidRequestException("account.approvalChoiceRequired",
                    "the policy must say whether each post needs department approval");
        }
        if (draft.administrator() == null || draft.administrator().isBlank()) {
            throw new InvalidRequestException("account.administratorRequired", "the policy names no administrator");
        }
        Staff administrator = member(draft.administrator());
        if (administrator.departmentId() != departmentId) {
            throw new InvalidRequestException("account.administratorNotInDepartment",
                    "the administrator must belong to the owning department", administrator.username());
        }
        List<String> operatorNames = draft.operators() == null ? List.of() : draft.operators();
        if (operatorNames.isEmpty()) {
            throw new InvalidRequestException("account.operatorsRequired",
                    "the policy names no operators: only they post to the account");
        }
        if (operatorNames.size() > MAX_OPERATORS) {
            throw new InvalidRequestException("account.tooManyOperators", "too many operators", MAX_OPERATORS);
        }
        List<Long> operators = new ArrayList<>();
        for (String username : operatorNames) {
            Staff operator = member(username);
            if (!operator.mayOperateAccounts()) {
                throw new InvalidRequestException("account.operatorNotPoster",
                        "operator " + username + " does not have the POSTER role", username);
            }
            operators.add(operator.id());
        }
        return new AccountPolicy(name, url, purpose, administrator.id(), operators,
                new OperatingPolicy(draft.departmentApprovalRequired(), draft.replyPolicy(),
                        optional(draft.basicPrinciples(), "basicPrinciples"), optional(draft.tone(), "tone"),
                        optional(draft.commentHandling(), "commentHandling"),
                        draft.altTextRequired() == null || draft.altTextRequired()));
    }

    private Staff member(@Nullable String username) {
        return staff.findByUsername(username == null ? "" : username)
                .orElseThrow(() -> new InvalidRequestException("account.unknownStaff", "no staff member " + username,
                        String.valueOf(username)));
    }

    private static String required(@Nullable String value, String code, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(code, field + " is required");
        }
        return optional(value, field, max);
    }

    private static String optional(String value, String field) {
        return optional(value, field, MAX_TEXT);
    }

    private static String optional(@Nullable String value, String field, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.length() > max) {
            throw new InvalidRequestException("account.textTooLong", field + " is longer than " + max, field, max);
        }
        return stripped;
    }

    /**
     * The account's own address on its platform, as the public list of official accounts shows it: https on the
     * platform's own host, never a shortener ({@link AccountUrls}).
     */
    private static String url(Platform platform, @Nullable String value) {
        if (value == null || value.isBlank() || value.length() > MAX_URL) {
            throw new InvalidRequestException("account.badUrl", "not an https URL: " + value, String.valueOf(value));
        }
        try {
            URI uri = new URI(value.strip());
            if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || !AccountUrls.publishable(platform, value.strip())) {
                throw new InvalidRequestException("account.badUrl", "not an https URL: " + value, value);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("account.badUrl", "not an https URL: " + value, value);
        }
    }
}
