package org.kohogateway.gateway.account;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.OneInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads each account's live profile through its connector and checks it shows the city homepage and, for no-reply
 * accounts, the no-reply notice. Results are stored; a change of result is audited, and a change to NON_COMPLIANT is
 * announced ({@link ProfileNoncompliant}). An account may choose to hold its deliveries meanwhile
 * ({@link #holdingDeliveries}, asked by the dispatcher's send guards). LINE has no profile text: its result says
 * NOT_CHECKABLE, never a pass.
 */
@Service
public class ProfileChecks {

    private static final Logger log = LoggerFactory.getLogger(ProfileChecks.class);
    private static final long SCHEDULE_LOCK = 7310586;

    private final ProfileReader reader;
    private final OfficialAccounts accounts;
    private final AccountProperties properties;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final StaffDirectory staff;
    private final OneInstance oneInstance;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    ProfileChecks(ProfileReader reader, OfficialAccounts accounts, AccountProperties properties, AuditTrail audit,
            JdbcClient jdbc, Clock clock, StaffDirectory staff, OneInstance oneInstance,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.events = events;
        this.staff = staff;
        this.oneInstance = oneInstance;
        this.transaction = new TransactionTemplate(transactions);
        this.reader = reader;
        this.accounts = accounts;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Reads the live profile — a platform call, made outside any transaction — then records the result in a short
     * transaction of its own.
     *
     * @param trigger SCHEDULE or TEST_CONNECTION
     * @param actor   who asked: a user name, or the system
     */
    public ProfileCheck check(long accountId, String trigger, String actor) {
        ProfileReading reading = read(accountId);
        return transaction.execute(status -> record(accountId, reading, trigger, actor));
    }

    /** The account's live profile, read through its connector; never call it inside a transaction. */
    public ProfileReading read(long accountId) {
        return reader.read(accountId);
    }

    /**
     * Records what a reading of the profile shows, in the caller's transaction.
     *
     * @param trigger ACTIVATION, SCHEDULE or TEST_CONNECTION
     * @param actor   who asked: a user name, or the system
     */
    @Transactional
    public ProfileCheck record(long accountId, ProfileReading reading, String trigger, String actor) {
        OfficialAccount account = accounts.get(accountId);
        ProfileCompliance.Result result = ProfileCompliance.check(reading, account.policy().replyPolicy(),
                properties.homepageUrl());
        ProfileCheck check = new ProfileCheck(accountId, clock.instant(), result.outcome(), result.gaps(),
                result.reason(), trigger);
        Optional<ProfileCheck> previous = latest(accountId);
        jdbc.sql("""
                insert into account_profile_check (account_id, checked_at, outcome, gaps, reason, trigger)
                values (:account, :at, :outcome, :gaps, :reason, :trigger)
                """)
                .param("account", accountId).param("at", Timestamp.from(check.checkedAt()))
                .param("outcome", check.outcome().name())
                .param("gaps", check.gaps().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("reason", check.reason()).param("trigger", trigger).update();
        boolean changed = previous.map(p -> p.outcome() != check.outcome() || !p.gaps().equals(check.gaps()))
                .orElse(true);
        if (changed && check.outcome() == ProfileCompliance.Outcome.NON_COMPLIANT) {
            events.publishEvent(new ProfileNoncompliant(accountId, check.gaps()));
        }
        if (changed) {
            audit.record(actor, "PROFILE_COMPLIANCE_CHANGED", "ACCOUNT", Long.toString(accountId),
                    previous.map(p -> p.outcome().name()).orElse(null), check.outcome().name(),
                    Map.of("gaps", check.gaps().stream().map(Enum::name).sorted().toList(), "reason", check.reason()));
        }
        return check;
    }

    /**
     * Whether the account's deliveries wait while its profile does not comply (default: they go, and people are told).
     * ADMIN or PR officer; audited.
     */
    @Transactional
    public void holdWhenNoncompliant(String username, long accountId, boolean hold) {
        Staff actor = staff.byUsername(username);
        if (!actor.hasAny(Role.ADMIN, Role.PR_OFFICER)) {
            throw new NotPermittedException("account.profileHoldNotPermitted",
                    "holding deliveries on a non-compliant profile is set by ADMIN or PR_OFFICER");
        }
        accounts.get(accountId);
        Boolean before = jdbc.sql("""
                update official_account new set hold_when_profile_noncompliant = :hold from official_account old
                where new.id = old.id and new.id = :account returning old.hold_when_profile_noncompliant
                """).param("hold", hold).param("account", accountId).query(Boolean.class).single();
        audit.record(actor.username(), "PROFILE_HOLD_SET", "ACCOUNT", Long.toString(accountId),
                String.valueOf(before), String.valueOf(hold), Map.of());
    }

    /**
     * Of these accounts, those whose deliveries wait now: each chose to hold, and its latest profile check failed. One
     * query for the accounts of all the deliveries the dispatcher admits together.
     */
    @Transactional(readOnly = true)
    public Set<Long> holdingDeliveries(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("""
                select a.id from official_account a
                where a.id = any(:accounts) and a.hold_when_profile_noncompliant
                  and coalesce((select c.outcome = 'NON_COMPLIANT' from account_profile_check c where c.account_id = a.id
                      order by c.checked_at desc, c.id desc limit 1), false)
                """).param("accounts", accountIds.toArray(Long[]::new)).query(Long.class).list());
    }

    /** "Test connection": proves the credentials by reading the profile, and checks it. ADMIN or PR officer. */
    public ProfileCheck testConnection(String username, long accountId) {
        Staff actor = staff.byUsername(username);
        if (!actor.hasAny(Role.ADMIN, Role.PR_OFFICER)) {
            throw new NotPermittedException("account.credentialsNotPermitted",
                    "testing an account's connection needs the ADMIN or PR_OFFICER role");
        }
        return check(accountId, "TEST_CONNECTION", actor.username());
    }

    @Transactional(readOnly = true)
    public Optional<ProfileCheck> latest(long accountId) {
        return history(accountId, 1).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<ProfileCheck> history(long accountId, int limit) {
        return jdbc.sql("""
                select account_id, checked_at, outcome, gaps, reason, trigger from account_profile_check
                where account_id = :account order by checked_at desc, id desc limit :limit
                """)
                .param("account", accountId).param("limit", limit)
                .query((rs, n) -> new ProfileCheck(rs.getLong("account_id"), rs.getTimestamp("checked_at").toInstant(),
                        ProfileCompliance.Outcome.valueOf(rs.getString("outcome")), gaps(rs.getArray("gaps")),
                        rs.getString("reason"), rs.getString("trigger")))
                .list();
    }

    /** Every account in service, on the configured schedule; one instance at a time, each check on its own. */
    @Scheduled(cron = "${gateway.accounts.profile-check-cron:0 0 */6 * * *}", zone = "Asia/Tokyo")
    public void checkAll() {
        oneInstance.run(SCHEDULE_LOCK, this::checkEach);
    }

    private void checkEach() {
        // a paused account gets no request at all, reads included (guideline §7-②: stop everything at once)
        Set<Long> paused = Set.copyOf(jdbc.sql("""
                select a.id from official_account a join dispatch_gate g on g.account_id = a.id
                join dispatch_gate everything on everything.account_id = 0 where g.paused or everything.paused
                """).query(Long.class).list());
        for (OfficialAccount account : accounts.all()) {
            if (AccountStatus.IN_SERVICE.contains(account.status()) && !paused.contains(account.id())) {
                try {
                    check(account.id(), "SCHEDULE", AuditTrail.SYSTEM);
                } catch (RuntimeException e) {
                    log.warn("profile check of account {} failed: {}", account.id(), e.toString());
                }
            }
        }
    }

    private static Set<ProfileCompliance.Gap> gaps(Array array) throws SQLException {
        Set<ProfileCompliance.Gap> gaps = EnumSet.noneOf(ProfileCompliance.Gap.class);
        Arrays.stream((String[]) array.getArray()).forEach(g -> gaps.add(ProfileCompliance.Gap.valueOf(g)));
        return gaps;
    }
}
