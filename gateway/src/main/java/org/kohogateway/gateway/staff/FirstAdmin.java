package org.kohogateway.gateway.staff;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.kohogateway.gateway.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first ADMIN of a new installation ({@code gateway.bootstrap.*}) before the gateway reports ready, and
 * only while there are no staff: once anyone exists the setting does nothing, so it cannot be used to add an
 * administrator to a running installation. Instances starting together take an advisory lock, so one creates it.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    /** Any constant other locks do not use; held for the checking transaction only. */
    private static final long LOCK = 7310588;

    private final BootstrapProperties properties;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    FirstAdmin(BootstrapProperties properties, StaffDirectory staff, AuditTrail audit, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.staff = staff;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        createIfNoStaff();
    }

    /** @return the ADMIN created, or empty when bootstrapping is off or staff exist already */
    Optional<Staff> createIfNoStaff() {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Optional<Staff> created = transaction.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", LOCK).query().listOfRows();
            if (jdbc.sql("select exists (select 1 from staff)").query(Boolean.class).single()) {
                return Optional.<Staff>empty();
            }
            Department department = staff.departmentByCode(properties.departmentCode())
                    .orElseGet(() -> staff.addDepartment(properties.departmentCode(), properties.departmentName(),
                            false));
            String username = properties.adminUsername().strip();
            Staff admin = staff.addStaff(username, username, properties.adminPassword(), department.id(),
                    EnumSet.of(Role.ADMIN));
            audit.record(AuditTrail.SYSTEM, "STAFF_CREATED", "STAFF", username, null, "ENABLED",
                    Map.of("roles", "ADMIN", "department", department.code(), "reason",
                            "gateway.bootstrap: the installation had no staff"));
            return Optional.of(admin);
        });
        if (created.isPresent()) {
            log.warn("created the first ADMIN '{}' (gateway.bootstrap); remove GATEWAY_BOOTSTRAP_ADMIN_PASSWORD from "
                    + "the environment now", created.get().username());
        } else {
            log.info("gateway.bootstrap.admin-username is set but staff exist already: nothing created");
        }
        return created;
    }
}
