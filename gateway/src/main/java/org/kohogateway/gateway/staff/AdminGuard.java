package org.kohogateway.gateway.staff;

import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The gateway always keeps an enabled ADMIN, whoever changes roles: an admin on the staff pages or the city's identity
 * provider at login.
 */
@Component
class AdminGuard {

    /** Transaction-scoped advisory lock key for changes to who is an enabled admin ("staff admins"). */
    private static final long ADMIN_SET_LOCK = 0x6b67_7761_646d_696eL;

    private final JdbcClient jdbc;

    AdminGuard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every change that may take away an admin waits here for the one before it, so the acting admin and the count of
     * admins it reads are those it changes (read committed: each statement after the lock sees the earlier commit).
     */
    void lock() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", ADMIN_SET_LOCK).query().listOfRows();
    }

    boolean anotherEnabledAdmin(Staff target) {
        return jdbc.sql("""
                select count(*) from staff s join staff_role r on r.staff_id = s.id
                where r.role = 'ADMIN' and s.enabled and s.id <> :id
                """).param("id", target.id()).query(Long.class).single() > 0;
    }

    void requireAnotherAdmin(Staff target) {
        if (!anotherEnabledAdmin(target)) {
            throw new InvalidRequestException("staff.lastAdmin", "the last enabled admin must stay one",
                    target.username());
        }
    }
}
