package org.kohogateway.gateway.login;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.SealedColumn;
import org.kohogateway.gateway.support.SecretSealer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TOTP second factor of staff: enrolment (a secret made here, shown once, confirmed by a first valid code),
 * checking codes (each accepted once: only a step later than the last accepted one counts), and an admin's reset
 * for a lost phone. Secrets are sealed at rest with the credentials key. Required for ADMINs (unless
 * {@code gateway.login.totp.required-for-admins=false}), optional for everyone else.
 */
@Service
public class SecondFactors {

    private static final int SECRET_BYTES = 20;

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private static final SealedColumn SECRETS = new SealedColumn("staff_totp", "staff_id", "secret_sealed");

    private final SecretSealer cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final LoginProperties.TotpSettings settings;
    private final LoginLockout lockout;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(JdbcClient jdbc, StaffDirectory staff, SecretSealer cipher, AuditTrail audit, Clock clock,
            LoginProperties properties, LoginLockout lockout) {
        this.jdbc = jdbc;
        this.lockout = lockout;
        this.staff = staff;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.settings = properties.totp();
    }

    /** What the authenticator app needs, shown once: the otpauth URI (or the same secret in base32, typed by hand). */
    public record Enrolment(String uri, String secret) {
    }

    private record Stored(long staffId, byte[] secret, boolean confirmed, Long lastUsedStep) {
    }

    /**
     * The pending login to put in place of a verified one when the person owes a second factor: a confirmed TOTP
     * secret, or ADMIN where admins must have one. Empty when the verified login is complete as it is.
     */
    @Transactional(readOnly = true)
    public Optional<PendingSecondFactor> pendingFor(Authentication verified) {
        Optional<Staff> me = staff.findByUsername(verified.getName());
        if (me.isEmpty()) {
            return Optional.empty();
        }
        boolean enrolled = confirmed(me.get().id());
        // an admin by the identity provider's word owes it too: those roles apply only after it
        boolean admin = me.get().has(Role.ADMIN)
                || verified.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        boolean required = enrolled || (settings.requiredForAdmins() && admin);
        return required ? Optional.of(new PendingSecondFactor(verified, enrolled)) : Optional.empty();
    }

    @Transactional(readOnly = true)
    public boolean enrolled(String username) {
        return staff.findByUsername(username).map(s -> confirmed(s.id())).orElse(false);
    }

    /**
     * A new secret for the person's authenticator app, replacing any not yet confirmed. Refused once a secret is
     * confirmed: a password alone must never be enough to move the second factor to another phone (an admin resets).
     */
    @Transactional
    public Enrolment begin(String username) {
        Staff me = staff.byUsername(username);
        if (confirmed(me.id())) {
            throw new IllegalTransitionException("totp.alreadyEnrolled", "a second factor is already set up");
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        jdbc.sql("""
                insert into staff_totp (staff_id, secret_sealed, created_at) values (:id, :sealed, :at)
                on conflict (staff_id) do update set secret_sealed = excluded.secret_sealed,
                    created_at = excluded.created_at, last_used_step = null
                """).param("id", me.id()).param("sealed", cipher.seal(context(me.id()), secret))
                .param("at", Timestamp.from(clock.instant())).update();
        return new Enrolment(Totp.uri(settings.issuer(), username, secret), Totp.base32(secret));
    }

    /** What a code given for a pending login came to. */
    public sealed interface CodeCheck {
        /** The login is complete: put this in the pending one's place. */
        record Passed(Authentication login) implements CodeCheck {
        }

        /** Wrong or already used; counted towards the lock. */
        record Wrong() implements CodeCheck {
        }

        /** The username is locked (now, or by this very code): the pending login must be thrown away. */
        record Locked() implements CodeCheck {
        }
    }

    /**
     * The second step of a login, for the code page and the API's {@code X-TOTP} header alike: the attempt counts
     * towards the lock before the code is looked at (a locked username is refused unchecked), a right code completes
     * the login and clears the failures.
     */
    @Transactional
    public CodeCheck check(PendingSecondFactor pending, String code) {
        String username = pending.getName();
        if (!pending.enrolled()) {
            return new CodeCheck.Wrong();
        }
        // counted before the code is checked, as a password is: parallel guesses at the code cannot pass the limit
        if (!lockout.reserve(username)) {
            return new CodeCheck.Locked();
        }
        if (verify(username, code)) {
            lockout.reset(username);
            return new CodeCheck.Passed(pending.verified());
        }
        return lockout.confirmFailure(username) ? new CodeCheck.Locked() : new CodeCheck.Wrong();
    }

    /** The secret from {@link #begin} while it waits for its first code (a mistyped code is tried again). */
    @Transactional(readOnly = true)
    public Enrolment enrolling(String username) {
        Staff me = staff.byUsername(username);
        Stored stored = stored(me.id()).filter(s -> !s.confirmed())
                .orElseThrow(() -> new IllegalTransitionException("totp.notEnrolling",
                        "no second factor is being set up"));
        return new Enrolment(Totp.uri(settings.issuer(), username, stored.secret()), Totp.base32(stored.secret()));
    }

    /** Confirms the secret from {@link #begin} with a first valid code; false when the code is not right. */
    @Transactional
    public boolean confirm(String username, String code) {
        Staff me = staff.byUsername(username);
        Stored stored = stored(me.id()).filter(s -> !s.confirmed())
                .orElseThrow(() -> new IllegalTransitionException("totp.notEnrolling",
                        "no second factor is being set up"));
        OptionalLong step = Totp.matchingStep(stored.secret(), code, clock.instant(), stored.lastUsedStep());
        if (step.isEmpty() || !consume(me.id(), step.getAsLong())) {
            return false;
        }
        jdbc.sql("update staff_totp set confirmed_at = :at where staff_id = :id")
                .param("at", Timestamp.from(clock.instant())).param("id", me.id()).update();
        audit.record(username, "TOTP_ENROLLED", "STAFF", username, null, "TOTP", Map.of());
        return true;
    }

    /** True when the code is right for the person's confirmed secret and was not accepted before. */
    @Transactional
    public boolean verify(String username, String code) {
        Optional<Staff> me = staff.findByUsername(username);
        Optional<Stored> stored = me.flatMap(s -> stored(s.id())).filter(Stored::confirmed);
        if (stored.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(stored.get().secret(), code, clock.instant(), stored.get().lastUsedStep());
        return step.isPresent() && consume(me.get().id(), step.getAsLong());
    }

    /**
     * An admin removes someone's second factor (a lost phone) and ends their open page sessions; an ADMIN so reset
     * enrols again at the next login.
     */
    @Transactional
    public void reset(String adminUsername, String username) {
        if (!staff.byUsername(adminUsername).has(Role.ADMIN)) {
            throw new NotPermittedException("totp.resetAdminOnly", "only an admin can reset a second factor");
        }
        Staff subject = staff.byUsername(username);
        if (jdbc.sql("delete from staff_totp where staff_id = :id").param("id", subject.id()).update() == 0) {
            throw new NotFoundException("totp.notEnrolled", "no second factor for " + username, username);
        }
        // a session that passed the removed second factor ends: whoever holds the lost phone loses it too
        jdbc.sql("update staff set credentials_version = credentials_version + 1 where id = :id")
                .param("id", subject.id()).update();
        audit.record(adminUsername, "TOTP_RESET", "STAFF", username, "TOTP", null, Map.of());
    }

    /** Records the step as used unless it (or a later one) already is: on any instance, a code counts once. */
    private boolean consume(long staffId, long step) {
        return jdbc.sql("""
                update staff_totp set last_used_step = :step
                where staff_id = :id and (last_used_step is null or last_used_step < :step)
                """).param("step", step).param("id", staffId).update() == 1;
    }

    private boolean confirmed(long staffId) {
        return jdbc.sql("select count(*) from staff_totp where staff_id = :id and confirmed_at is not null")
                .param("id", staffId).query(Integer.class).single() > 0;
    }

    private Optional<Stored> stored(long staffId) {
        return jdbc.sql("select secret_sealed, confirmed_at, last_used_step from staff_totp where staff_id = :id")
                .param("id", staffId)
                .query((rs, n) -> new Stored(staffId, cipher.open(context(staffId), rs.getBytes("secret_sealed")),
                        rs.getTimestamp("confirmed_at") != null, (Long) rs.getObject("last_used_step")))
                .optional();
    }

    private static String context(long staffId) {
        return SECRETS.owner(staffId);
    }

    /** For the re-seal job, when the credentials key rotates. */
    @Bean
    static SealedColumn sealedTotpSecrets() {
        return SECRETS;
    }
}
