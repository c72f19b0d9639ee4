package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.audit.AuditEntry;
import org.kohogateway.gateway.audit.AuditQuery;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class StaffAdministrationIntegrationTest extends IntegrationTest {

    private static final int ROUNDS = 5;

    @Autowired
    StaffAdministration administration;

    @Autowired
    StaffDirectory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProviderSync providerSync;

    @Autowired
    AuditTrail audit;

    /**
     * Two admins removing each other at the same moment: without serialising, each sees the other admin still there
     * and both succeed, leaving none. Every other admin of the shared test database is disabled for the duration so
     * that these two are the last ones.
     */
    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        long department = data.world().departmentA().id();
        List<Long> others = jdbc.sql("""
                select s.id from staff s join staff_role r on r.staff_id = s.id where r.role = 'ADMIN' and s.enabled
                """).query(Long.class).list();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            setEnabled(others, false);
            for (int round = 0; round < ROUNDS; round++) {
                String x = admin(department);
                String y = admin(department);
                long xId = directory.byUsername(x).id();
                long yId = directory.byUsername(y).id();
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<GatewayException> xRemovesY = attempt(threads, start,
                        () -> administration.changeRoles(x, yId, Set.of(Role.POSTER)));
                CompletableFuture<GatewayException> yDisablesX = attempt(threads, start,
                        () -> administration.setEnabled(y, xId, false));

                List<GatewayException> refusals = new ArrayList<>();
                for (CompletableFuture<GatewayException> outcome : List.of(xRemovesY, yDisablesX)) {
                    GatewayException refusal = outcome.get(30, TimeUnit.SECONDS);
                    if (refusal != null) {
                        refusals.add(refusal);
                    }
                }
                assertThat(refusals).as("round " + round).singleElement()
                        // the later one finds the other gone: no admins left to spare, no longer an admin, or
                        // (disabled by the other) no longer an enabled member of staff
                        .satisfies(e -> assertThat(e.code()).isIn("staff.lastAdmin", "staff.adminOnly",
                                "staff.notFound"));
                assertThat(enabledAdmins()).as("round " + round).isEqualTo(1);
                // the next round's pair are the last admins again
                setEnabled(List.of(xId, yId), false);
            }
        } finally {
            threads.shutdownNow();
            setEnabled(others, true);
        }
    }

    @Test
    void aDisabledAdminMayLoseTheRoleWhileAnEnabledAdminRemains() {
        long department = data.world().departmentA().id();
        String admin = admin(department);
        long disabledId = directory.byUsername(admin(department)).id();
        administration.setEnabled(admin, disabledId, false);

        administration.changeRoles(admin, disabledId, Set.of(Role.AUDITOR));

        assertThat(administration.member(admin, disabledId).staff().roles()).containsExactly(Role.AUDITOR);
        assertThat(administration.member(admin, disabledId).enabled()).isFalse();
    }

    /** The city identity provider goes through the same guard: its groups never take ADMIN from the last admin. */
    @Test
    void theProviderSyncNeverTakesAdminFromTheLastEnabledAdmin() {
        long department = data.world().departmentA().id();
        List<Long> others = jdbc.sql("""
                select s.id from staff s join staff_role r on r.staff_id = s.id where r.role = 'ADMIN' and s.enabled
                """).query(Long.class).list();
        String last = admin(department);
        try {
            setEnabled(others, false);

            providerSync.follow(last, Set.of(Role.POSTER), null);

            assertThat(directory.byUsername(last).roles()).containsExactly(Role.ADMIN);
            assertThat(audit.find(AuditQuery.forSubject("STAFF", last))).extracting(AuditEntry::action)
                    .containsExactly("STAFF_SYNC_REFUSED");
        } finally {
            setEnabled(others, true);
        }
        providerSync.follow(last, Set.of(Role.POSTER), null);
        assertThat(directory.byUsername(last).roles()).as("another admin remains").containsExactly(Role.POSTER);
    }

    private CompletableFuture<GatewayException> attempt(ExecutorService threads, CyclicBarrier start,
            Runnable change) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await(10, TimeUnit.SECONDS);
                change.run();
                return null;
            } catch (GatewayException e) {
                return e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
    }

    private String admin(long department) {
        String username = "admin-" + TestData.unique();
        directory.addStaff(username, username, TestData.PASSWORD, department, Set.of(Role.ADMIN));
        return username;
    }

    private long enabledAdmins() {
        return jdbc.sql("""
                select count(*) from staff s join staff_role r on r.staff_id = s.id where r.role = 'ADMIN' and s.enabled
                """).query(Long.class).single();
    }

    private void setEnabled(List<Long> ids, boolean enabled) {
        if (!ids.isEmpty()) {
            jdbc.sql("update staff set enabled = :enabled where id in (:ids)").param("enabled", enabled)
                    .param("ids", ids).update();
        }
    }
}
