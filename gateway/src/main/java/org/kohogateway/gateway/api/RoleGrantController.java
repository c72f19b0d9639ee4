package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;

import org.kohogateway.gateway.staff.RoleGrant;
import org.kohogateway.gateway.staff.RoleGrants;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Grants of APPROVER, PR_OFFICER or ADMIN waiting for a second person; {@link RoleGrants} decides who may decide. */
@RestController
@RequestMapping("/api/staff/grants")
@Tag(name = "staff")
class RoleGrantController {

    private final RoleGrants grants;

    RoleGrantController(RoleGrants grants) {
        this.grants = grants;
    }

    @GetMapping
    @Operation(summary = "Role grants waiting for confirmation (ADMIN, PR_OFFICER)")
    List<RoleGrant> pending(Principal me) {
        return grants.pending(me.getName());
    }

    @PostMapping("/{id}/confirm")
    @Operation(summary = "Confirm: another admin or a PR officer of the PR department, not the requester or the person")
    RoleGrant confirm(Principal me, @PathVariable long id) {
        return grants.confirm(me.getName(), id);
    }

    @PostMapping("/{id}/refuse")
    @Operation(summary = "Refuse: another admin or a PR officer of the PR department, not the requester or the person")
    RoleGrant refuse(Principal me, @PathVariable long id) {
        return grants.refuse(me.getName(), id);
    }
}
