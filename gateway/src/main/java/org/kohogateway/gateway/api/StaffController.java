package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffAdministration;
import org.kohogateway.gateway.staff.StaffAdministration.Member;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Departments and staff for admins; {@link StaffAdministration} checks and audits every change. */
@RestController
@Tag(name = "staff", description = "Departments and staff with their roles (ADMIN)")
class StaffController {

    private final StaffAdministration administration;

    StaffController(StaffAdministration administration) {
        this.administration = administration;
    }

    /** @param pendingRoles roles granted but waiting for a second person's confirmation ({@code /api/staff/grants}) */
    record MemberView(long id, String username, String displayName, long departmentId, Set<Role> roles,
            boolean enabled, Set<Role> pendingRoles) {

        static MemberView of(Member m) {
            return new MemberView(m.staff().id(), m.staff().username(), m.staff().displayName(),
                    m.staff().departmentId(), m.staff().roles(), m.enabled(), m.pendingRoles());
        }
    }

    record NewStaff(String username, String displayName, Long departmentId, Set<Role> roles, String password) {
    }

    record Roles(Set<Role> roles) {
    }

    record Enabled(Boolean enabled) {
    }

    record Password(String password) {
    }

    record NewDepartment(String code, String name) {
    }

    @GetMapping("/api/staff")
    @Operation(summary = "Staff, disabled ones included, by department and username; at most 200")
    List<MemberView> list(Principal me, @RequestParam(required = false) Long departmentId,
            @RequestParam(required = false) String q) {
        return administration.members(me.getName(), departmentId, q).stream().limit(StaffAdministration.LIST_LIMIT)
                .map(MemberView::of).toList();
    }

    @GetMapping("/api/staff/{id}")
    MemberView get(Principal me, @PathVariable long id) {
        return MemberView.of(administration.member(me.getName(), id));
    }

    @PostMapping("/api/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a user with an initial password (at least 12 characters)")
    MemberView create(Principal me, @RequestBody NewStaff request) {
        long id = administration.createStaff(me.getName(), request.username(), request.displayName(),
                request.departmentId(), request.roles(), request.password()).id();
        return MemberView.of(administration.member(me.getName(), id));
    }

    @PutMapping("/api/staff/{id}/roles")
    @Operation(summary = "Replace someone else's roles; removals apply at once (the last enabled admin stays one), a"
            + " grant of APPROVER, PR_OFFICER or ADMIN waits for a second person; ADMIN is never held with a deciding"
            + " role")
    MemberView roles(Principal me, @PathVariable long id, @RequestBody Roles request) {
        return MemberView.of(administration.changeRoles(me.getName(), id, request.roles()));
    }

    @PutMapping("/api/staff/{id}/enabled")
    @Operation(summary = "Disable (no login, token or action) or enable; nobody disables themselves or the last admin")
    MemberView enabled(Principal me, @PathVariable long id, @RequestBody Enabled request) {
        if (request.enabled() == null) {
            throw new InvalidRequestException("staff.enabledRequired", "enabled is true or false");
        }
        return MemberView.of(administration.setEnabled(me.getName(), id, request.enabled()));
    }

    @PostMapping("/api/staff/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(Principal me, @PathVariable long id, @RequestBody Password request) {
        administration.resetPassword(me.getName(), id, request.password());
    }

    @GetMapping("/api/departments")
    List<Department> departments(Principal me) {
        return administration.departments(me.getName());
    }

    @PostMapping("/api/departments")
    @ResponseStatus(HttpStatus.CREATED)
    Department createDepartment(Principal me, @RequestBody NewDepartment request) {
        return administration.createDepartment(me.getName(), request.code(), request.name());
    }
}
