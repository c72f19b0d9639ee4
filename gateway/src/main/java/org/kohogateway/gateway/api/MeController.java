package org.kohogateway.gateway.api;


import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "staff")
class MeController {

    private final StaffDirectory staff;

    MeController(StaffDirectory staff) {
        this.staff = staff;
    }

    record Me(String username, String displayName, String department, java.util.Set<org.kohogateway.gateway.staff.Role> roles) {
    }

    @GetMapping("/api/me")
    Me me(Staff me) {
        return new Me(me.username(), me.displayName(), staff.department(me.departmentId()).name(), me.roles());
    }
}
