package org.kohogateway.gateway.staff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a member of staff's roles and department what the city's identity provider says, after their login is
 * complete (second factor included), through the same guards as an admin's change: ADMIN is never held with a
 * deciding role and the last enabled admin stays one. A change the guards refuse is left out and audited.
 */
@Service
public class ProviderSync {

    private final StaffDirectory directory;
    private final AdminGuard guard;
    private final AuditTrail audit;

    ProviderSync(StaffDirectory directory, AdminGuard guard, AuditTrail audit) {
        this.directory = directory;
        this.guard = guard;
        this.audit = audit;
    }

    /** @param departmentId null when the provider does not say */
    @Transactional
    public void follow(String username, Set<Role> roles, @Nullable Long departmentId) {
        guard.lock();
        Staff me = directory.byUsername(username);
        Map<String, Object> changes = new LinkedHashMap<>();
        // the department first: the roles are checked against it (PR_OFFICER is held only in the PR department)
        if (departmentId != null && departmentId != me.departmentId()) {
            directory.moveToDepartment(me.id(), departmentId);
            changes.put("department", directory.department(departmentId).code());
            changes.put("previousDepartment", directory.department(me.departmentId()).code());
        }
        if (!me.roles().equals(roles)) {
            String refusal = !RoleSeparation.allowed(roles) ? "staff.adminNotDecider"
                    : me.has(Role.ADMIN) && !roles.contains(Role.ADMIN) && !guard.anotherEnabledAdmin(me)
                            ? "staff.lastAdmin" : null;
            if (refusal == null && roles.contains(Role.PR_OFFICER)
                    && !directory.department(directory.byUsername(username).departmentId()).pr()) {
                refusal = "staff.prOfficerOutsidePr";
            }
            if (refusal == null) {
                directory.replaceRoles(me.id(), roles);
                changes.put("roles", StaffInput.names(roles));
                changes.put("previousRoles", StaffInput.names(me.roles()));
            } else {
                audit.record(AuditTrail.SYSTEM, "STAFF_SYNC_REFUSED", "STAFF", username, null, null,
                        Map.of("reason", refusal, "roles", StaffInput.names(roles)));
            }
        }
        if (!changes.isEmpty()) {
            audit.record(AuditTrail.SYSTEM, "STAFF_SYNCED_FROM_IDP", "STAFF", username, null, null, changes);
        }
    }
}
