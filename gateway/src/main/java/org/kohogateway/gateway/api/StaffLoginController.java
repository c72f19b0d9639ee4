package org.kohogateway.gateway.api;

import java.security.Principal;

import org.kohogateway.gateway.login.LoginLockout;
import org.kohogateway.gateway.login.SecondFactors;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "staff")
class StaffLoginController {

    private final LoginLockout lockout;
    private final SecondFactors secondFactors;

    StaffLoginController(LoginLockout lockout, SecondFactors secondFactors) {
        this.lockout = lockout;
        this.secondFactors = secondFactors;
    }

    @DeleteMapping("/api/staff/{username}/lock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift a login lock before its time (ADMIN; audited); 404 when the login is not locked")
    void unlock(Principal me, @PathVariable String username) {
        lockout.unlock(me.getName(), username);
    }

    @DeleteMapping("/api/staff/{username}/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove someone's second factor, e.g. a lost phone (ADMIN; audited); an ADMIN enrols again "
            + "at the next login")
    void resetSecondFactor(Principal me, @PathVariable String username) {
        secondFactors.reset(me.getName(), username);
    }
}
