package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.notification.NotificationKind;
import org.kohogateway.gateway.notification.NotificationLog;
import org.kohogateway.gateway.notification.NotificationSettings;
import org.kohogateway.gateway.notification.OutboxEntry;
import org.kohogateway.gateway.notification.Webhook;
import org.kohogateway.gateway.notification.Webhooks;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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

@RestController
@Tag(name = "notifications", description = "E-mail and signed webhooks for failed, uncertain and held deliveries, "
        + "approvals waiting, pauses and resumes")
class NotificationController {

    private final NotificationSettings settings;
    private final Webhooks webhooks;
    private final NotificationLog log;

    NotificationController(NotificationSettings settings, Webhooks webhooks, NotificationLog log) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.log = log;
    }

    @GetMapping("/api/me/notifications")
    @Operation(summary = "My e-mail address and which kinds I get by e-mail (each kind only where it concerns me)")
    NotificationSettings.Settings mine(Principal me) {
        return settings.of(me.getName());
    }

    /** @param email per kind, true to get it by e-mail; kinds left out stay as they are */
    record PreferencesRequest(@NotEmpty Map<@NotNull NotificationKind, @NotNull Boolean> email) {
    }

    @PutMapping("/api/me/notifications")
    @Operation(summary = "Switch kinds of e-mail on or off for myself (audited)")
    NotificationSettings.Settings change(Principal me, @Valid @RequestBody PreferencesRequest request) {
        return settings.change(me.getName(), request.email());
    }

    /** @param email left out or empty clears it */
    record AddressRequest(@Size(max = 254) @Nullable String email) {
    }

    @PutMapping("/api/notifications/addresses/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set or clear the e-mail address a member of staff is notified at (ADMIN; audited)")
    void address(Principal me, @PathVariable String username, @Valid @RequestBody AddressRequest request) {
        settings.changeAddress(me.getName(), username, request.email());
    }

    /**
     * @param secret       write-only: the HMAC key receivers verify with; on a change, leave it out to keep it
     * @param departmentId leave out for events of every department
     * @param enabled      default true; on a change, leave it out to keep it
     */
    record WebhookRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2048) String url,
            @Size(min = 32, max = 512) String secret, @NotEmpty Set<@NotNull NotificationKind> kinds,
            Long departmentId, Boolean enabled) {

        Webhooks.Registration registration() {
            return new Webhooks.Registration(name, url, secret, kinds, departmentId, enabled);
        }

        @Override
        public String toString() {
            return "WebhookRequest[name=" + name + ", kinds=" + kinds + ", departmentId=" + departmentId + "]";
        }
    }

    @PostMapping("/api/notifications/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a webhook (ADMIN; audited). Requests carry X-Koho-Signature: sha256=<hex "
            + "HMAC-SHA256 of \"<X-Koho-Timestamp>.<body>\"> keyed with the secret")
    Webhook register(Principal me, @Valid @RequestBody WebhookRequest request) {
        return webhooks.register(me.getName(), request.registration());
    }

    @GetMapping("/api/notifications/webhooks")
    List<Webhook> webhooks(Principal me) {
        return webhooks.list(me.getName());
    }

    @GetMapping("/api/notifications/webhooks/{id}")
    Webhook webhook(Principal me, @PathVariable long id) {
        return webhooks.get(me.getName(), id);
    }

    @PutMapping("/api/notifications/webhooks/{id}")
    @Operation(summary = "Change a webhook (ADMIN; audited); without a secret the current one stays")
    Webhook change(Principal me, @PathVariable long id, @Valid @RequestBody WebhookRequest request) {
        return webhooks.change(me.getName(), id, request.registration());
    }

    @DeleteMapping("/api/notifications/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Principal me, @PathVariable long id) {
        webhooks.remove(me.getName(), id);
    }

    @GetMapping("/api/notifications")
    @Operation(summary = "The notification outbox, newest first: status, attempts, last error (ADMIN)")
    List<OutboxEntry> outbox(Principal me, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return log.recent(me.getName(), status, limit);
    }
}
