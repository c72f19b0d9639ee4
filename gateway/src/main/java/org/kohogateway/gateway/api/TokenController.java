package org.kohogateway.gateway.api;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.security.ApiSecondFactor;
import org.kohogateway.gateway.security.ApiTokens;
import org.kohogateway.gateway.staff.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "tokens", description = "API tokens for machines such as the city's CMS, issued by the person they "
        + "act for; admins list and revoke every token")
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param actsAs     omit, or your own username: a token acts only for the person who issues it
     * @param accountIds omit for every account
     * @param decides    omit or false for none; true: the token may approve, reject, publish directly, override and grant roles; only with your
     *                   second factor in this request (HTTP Basic with X-TOTP)
     */
    record TokenRequest(@NotBlank @Size(max = 200) String name, @Size(max = 200) String actsAs,
            @NotEmpty Set<@NotNull Role> roles, @Size(max = 100) List<@NotNull Long> accountIds,
            @NotNull OffsetDateTime expiresAt, Boolean decides) {
    }

    @PostMapping("/api/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue a token; its secret is in this answer only. Use it as Authorization: Bearer <secret>")
    ApiTokens.Issued issue(Principal me, HttpServletRequest http, @Valid @RequestBody TokenRequest request) {
        return tokens.issue(me.getName(), new ApiTokens.NewToken(request.name(), request.actsAs(), request.roles(),
                request.accountIds(), request.expiresAt().toInstant(), Boolean.TRUE.equals(request.decides())),
                ApiSecondFactor.checked(http));
    }

    @GetMapping("/api/tokens")
    List<ApiTokens.Token> list(Principal me) {
        return tokens.list(me.getName());
    }

    @DeleteMapping("/api/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(Principal me, @PathVariable long id) {
        tokens.revoke(me.getName(), id);
    }
}
