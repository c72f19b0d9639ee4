package org.kohogateway.gateway.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator of a new installation. Production has no demo logins, so someone has to be the first ADMIN:
 * with {@code adminUsername} set, the gateway creates that ADMIN at start-up, but only while it has no staff at all.
 *
 * @param adminUsername  the first ADMIN's login (default: none, nothing is created)
 * @param adminPassword  its password, at least {@value #MIN_PASSWORD} characters; required with the username and
 *                       without a default: set {@code GATEWAY_BOOTSTRAP_ADMIN_PASSWORD}
 * @param departmentCode the department the first ADMIN belongs to, created when missing (default {@code joho})
 * @param departmentName that department's name when it is created (default 情報政策課)
 */
@ConfigurationProperties("gateway.bootstrap")
record BootstrapProperties(String adminUsername, String adminPassword,
        @DefaultValue("joho") String departmentCode, @DefaultValue("情報政策課") String departmentName) {

    static final int MIN_PASSWORD = 12;

    BootstrapProperties {
        if (adminUsername != null && !adminUsername.isBlank()) {
            // never the value: this message ends up in the start-up log
            if (adminPassword == null || adminPassword.length() < MIN_PASSWORD) {
                throw new IllegalArgumentException("gateway.bootstrap.admin-username needs "
                        + "gateway.bootstrap.admin-password (GATEWAY_BOOTSTRAP_ADMIN_PASSWORD) of at least "
                        + MIN_PASSWORD + " characters");
            }
            if (departmentCode == null || departmentCode.isBlank() || departmentName == null
                    || departmentName.isBlank()) {
                throw new IllegalArgumentException(
                        "gateway.bootstrap.department-code and department-name must not be blank");
            }
        }
    }

    boolean enabled() {
        return adminUsername != null && !adminUsername.isBlank();
    }

    /** Without the password, unlike a record's own. */
    @Override
    public String toString() {
        return "BootstrapProperties[adminUsername=" + adminUsername + ", departmentCode=" + departmentCode
                + ", departmentName=" + departmentName + "]";
    }
}
