package org.kohogateway.gateway.staff;

import java.util.EnumSet;
import java.util.Set;

import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * Separation of duties among roles (docs/guideline.md, "Roles and separation of duties"): an admin administers and
 * never decides posts, so ADMIN is not held with APPROVER or PR_OFFICER; and a role that decides posts or administers
 * is granted by two people.
 */
public final class RoleSeparation {

    /** Roles whose grant a second person confirms: they decide posts, or administer who does. */
    public static final Set<Role> GRANTED_BY_TWO = EnumSet.of(Role.APPROVER, Role.PR_OFFICER, Role.ADMIN);

    private RoleSeparation() {
    }

    public static boolean allowed(Set<Role> roles) {
        return !(roles.contains(Role.ADMIN) && (roles.contains(Role.APPROVER) || roles.contains(Role.PR_OFFICER)));
    }

    public static void require(Set<Role> roles) {
        if (!allowed(roles)) {
            throw new InvalidRequestException("staff.adminNotDecider",
                    "an admin does not approve or publish posts: ADMIN is not held with APPROVER or PR_OFFICER");
        }
    }

    /** The roles of {@code roles} that a second person must confirm. */
    public static Set<Role> grantedByTwo(Set<Role> roles) {
        Set<Role> result = EnumSet.noneOf(Role.class);
        roles.stream().filter(GRANTED_BY_TWO::contains).forEach(result::add);
        return result;
    }
}
