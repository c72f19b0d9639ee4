package org.kohogateway.gateway.staff;

import java.util.Set;

public record Staff(long id, String username, String displayName, long departmentId, Set<Role> roles) {

    public Staff {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role role : candidates) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
