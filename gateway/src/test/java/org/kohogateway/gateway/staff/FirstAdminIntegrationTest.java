package org.kohogateway.gateway.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.GatewayApplication;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.demo.EmbeddedDatabase;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A new installation: the production configuration on an empty database, no demo data. The first ADMIN comes from
 * {@code gateway.bootstrap.*}, once, audited, and only while nobody exists.
 */
class FirstAdminIntegrationTest {

    private static final String PASSWORD = "first-admin-password-1";

    @Test
    void createsTheFirstAdminOfAnEmptyInstallationOnlyWhileNoStaffExist() throws Exception {
        String url = EmbeddedDatabase.freshDatabase("first_admin_" + System.nanoTime());
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--spring.datasource.url=" + url,
                "--gateway.credentials.key=" + IntegrationTest.TEST_CREDENTIALS_KEY,
                "--gateway.bootstrap.admin-username=first-admin",
                "--gateway.bootstrap.admin-password=" + PASSWORD,
                "--gateway.dispatch.enabled=false", "--gateway.accounts.closing-cron=-",
                "--gateway.housekeeping.cron=-", "--gateway.dispatch.reconcile-every=1h",
                "--server.port=0", "--spring.main.banner-mode=off")) {
            int port = gateway.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            JdbcClient jdbc = gateway.getBean(JdbcClient.class);

            Api.Response me = new Api(port, "first-admin", PASSWORD).get("/api/me");
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.json().get("detail").asString()).as("the password was right; an admin owes a second factor")
                    .contains("二段階認証");
            assertThat(PageSession.canLogin(port, "first-admin", PASSWORD)).as("signs in on the pages, enrolling TOTP")
                    .isTrue();
            assertThat(jdbc.sql("select r.role || ' ' || d.name from staff s join staff_role r on r.staff_id = s.id "
                    + "join department d on d.id = s.department_id where s.username = 'first-admin'")
                    .query(String.class).list()).containsExactly("ADMIN 情報政策課");
            assertThat(new Api(port, "first-admin", "wrong-password-123").get("/api/me").status()).isEqualTo(401);
            assertThat(new Api(port, "admin1", "demo").get("/api/me").status()).as("no demo logins").isEqualTo(401);
            assertThat(jdbc.sql("select username from staff").query(String.class).list()).containsExactly("first-admin");
            assertThat(jdbc.sql("select count(*) from audit_entry where action = 'STAFF_CREATED' and subject_id = 'first-admin'")
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from official_account").query(Integer.class).single()).isZero();

            assertThat(gateway.getBean(FirstAdmin.class).createIfNoStaff()).as("staff exist now").isEmpty();

            // an empty installation again, and two instances starting at once with different names: one wins
            jdbc.sql("delete from staff_totp").update();
            jdbc.sql("delete from login_lock").update();
            jdbc.sql("delete from staff_role").update();
            jdbc.sql("delete from staff").update();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Callable<Optional<Staff>>> instances = new ArrayList<>();
            for (String name : List.of("admin-a", "admin-b")) {
                FirstAdmin firstAdmin = new FirstAdmin(new BootstrapProperties(name, PASSWORD, "joho", "情報政策課"),
                        gateway.getBean(StaffDirectory.class), gateway.getBean(AuditTrail.class), jdbc,
                        gateway.getBean(PlatformTransactionManager.class));
                instances.add(() -> {
                    together.await();
                    return firstAdmin.createIfNoStaff();
                });
            }
            List<Optional<Staff>> results = new ArrayList<>();
            try (ExecutorService two = Executors.newFixedThreadPool(2)) {
                for (Future<Optional<Staff>> result : two.invokeAll(instances)) {
                    results.add(result.get());
                }
            }
            assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
            assertThat(jdbc.sql("select count(*) from staff").query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from department where code = 'joho'").query(Integer.class).single())
                    .as("the department is reused").isEqualTo(1);
        }
    }
}
