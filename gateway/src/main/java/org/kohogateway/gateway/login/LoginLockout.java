package org.kohogateway.gateway.login;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Locks a username for {@code gateway.login.lockout.duration} after {@code max-failures} failed attempts within
 * {@code window}. Counted per username as typed, whether or not anyone has it, so a locked answer says nothing about
 * existence; kept in the database, so every instance sees the same lock. Every lock and unlock is audited.
 */
@Service
public class LoginLockout {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final StaffDirectory staff;
    private final Clock clock;
    private final LoginProperties.Lockout settings;

    LoginLockout(JdbcClient jdbc, AuditTrail audit, StaffDirectory staff, Clock clock, LoginProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.staff = staff;
        this.clock = clock;
        this.settings = properties.lockout();
    }

    /**
     * Counts an attempt as failed before its password or code is checked, so that guesses sent in parallel cannot
     * each pass a check made before any of them is counted: false (refuse the attempt unchecked) when the username is
     * locked, or when the attempts already counted in the window reach the limit. Follow with {@link #confirmFailure}
     * or {@link #release} once the check has answered.
     */
    @Transactional
    public boolean reserve(String username) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(now);
        // a row whose window and lock have both run out counts for nothing: forget it
        jdbc.sql("""
                delete from login_lock where window_started_at <= :windowStart and (locked_until is null or locked_until <= :now)
                """).param("windowStart", Timestamp.from(now.minus(settings.window()))).param("now", at).update();
        jdbc.sql("""
                insert into login_lock (username, failures, window_started_at) values (:u, 0, :now)
                on conflict (username) do nothing
                """).param("u", username).param("now", at).update();
        Counted counted = counted(username);
        if (counted.lockedUntil() != null && counted.lockedUntil().isAfter(now)) {
            return false;
        }
        int failures = counted.failures();
        Instant windowStart = counted.windowStart();
        // after a lock has run out, or once the window has passed, counting starts again
        if (counted.lockedUntil() != null || !windowStart.plus(settings.window()).isAfter(now)) {
            failures = 0;
            windowStart = now;
        }
        if (failures >= settings.maxFailures()) {
            return false;
        }
        jdbc.sql("update login_lock set failures = :f, window_started_at = :w, locked_until = null where username = :u")
                .param("f", failures + 1).param("w", Timestamp.from(windowStart)).param("u", username).update();
        return true;
    }

    /** The reserved attempt was wrong: true when the username is locked now (by this failure or an earlier one). */
    @Transactional
    public boolean confirmFailure(String username) {
        Instant now = clock.instant();
        Counted counted = counted(username);
        if (counted.lockedUntil() != null && counted.lockedUntil().isAfter(now)) {
            return true;
        }
        if (counted.failures() < settings.maxFailures()) {
            return false;
        }
        Instant until = now.plus(settings.duration());
        jdbc.sql("update login_lock set locked_until = :until where username = :u")
                .param("until", Timestamp.from(until)).param("u", username).update();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("failures", counted.failures());
        detail.put("lockedUntil", until.toString());
        detail.put("knownUser", staff.findByUsername(username).isPresent());
        audit.record(AuditTrail.SYSTEM, "LOGIN_LOCKED", "LOGIN", username, "OPEN", "LOCKED", detail);
        return true;
    }

    /** The reserved attempt was right (or never answered): it no longer counts. */
    @Transactional
    public void release(String username) {
        jdbc.sql("""
                update login_lock set failures = failures - 1
                where username = :u and failures > 0 and locked_until is null
                """).param("u", username).update();
    }

    private Counted counted(String username) {
        return jdbc.sql("""
                select failures, window_started_at, locked_until from login_lock where username = :u for update
                """).param("u", username)
                .query((rs, n) -> new Counted(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .optional().orElse(new Counted(0, clock.instant(), null));
    }

    /** A successful login: the failures so far are forgotten. */
    @Transactional
    public void reset(String username) {
        jdbc.sql("delete from login_lock where username = :u and (locked_until is null or locked_until <= :now)")
                .param("u", username).param("now", Timestamp.from(clock.instant())).update();
    }

    private record Counted(int failures, Instant windowStart, Instant lockedUntil) {
    }

    /** An admin lifts a lock before its time. */
    @Transactional
    public void unlock(String adminUsername, String username) {
        if (!staff.byUsername(adminUsername).has(Role.ADMIN)) {
            throw new NotPermittedException("login.unlockAdminOnly", "only an admin can lift a login lock");
        }
        Instant now = clock.instant();
        int rows = jdbc.sql("delete from login_lock where username = :u and locked_until > :now")
                .param("u", username).param("now", Timestamp.from(now)).update();
        if (rows == 0) {
            throw new NotFoundException("login.notLocked", "login " + username + " is not locked", username);
        }
        audit.record(adminUsername, "LOGIN_UNLOCKED", "LOGIN", username, "LOCKED", "OPEN", Map.of());
    }
}
