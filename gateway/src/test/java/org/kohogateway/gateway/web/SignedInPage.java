package org.kohogateway.gateway.web;

import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;

import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

/** A {@link PageSlice} test's signed-in person: aya of the health department, with the roles a test gives her. */
@WithMockUser("aya")
abstract class SignedInPage {

    static final Department HEALTH = new Department(2, "health", "健康推進課", false);

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffDirectory staff;
    @Autowired
    PostWorkflow workflow;

    /** Signs aya in with these roles (the mocked directory answers for her, her department and its list). */
    void signedInAs(Role... roles) {
        when(staff.byUsername("aya")).thenReturn(new Staff(7, "aya", "健康 あや", HEALTH.id(), Set.of(roles)));
        when(staff.department(anyLong())).thenReturn(HEALTH);
        when(staff.departments()).thenReturn(List.of(HEALTH));
    }
}
