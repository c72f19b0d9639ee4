package org.kohogateway.gateway.api;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.crisis.Pause;
import org.kohogateway.gateway.crisis.PauseReport;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.crisis.ResumeReport;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "crisis", description = "Pause an account or everything during a flame war or disaster (§7-②)")
class CrisisController {

    private final Pauses pauses;

    CrisisController(Pauses pauses) {
        this.pauses = pauses;
    }

    /**
     * @param accountId          the account to pause; omit it for everything
     * @param exceptDepartmentId the department whose posts may still go out during the pause
     * @param exceptCategory     the category of posts that may still go out (with a department: posts matching both)
     * @param endsAt             when the pause ends by itself (held posts stay held for a decision)
     */
    record PauseRequest(Long accountId, @NotBlank @Size(max = 2000) String reason, Long exceptDepartmentId,
            PostCategory exceptCategory, OffsetDateTime endsAt) {
    }

    record ResumeRequest(Long accountId) {
    }

    record OverrideRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @GetMapping("/api/crisis/pauses")
    List<Pause> active() {
        return pauses.active();
    }

    @PostMapping("/api/crisis/pause")
    @Operation(summary = "Pause one account or everything (ADMIN, PR_OFFICER). When this returns, no platform request "
            + "for it starts, except posts of the named department and/or category; it ends by itself at endsAt. Requests "
            + "already under way are listed with their outcome")
    PauseReport pause(Principal me, @Valid @RequestBody PauseRequest request) {
        return pauses.pause(me.getName(), request.accountId(), request.reason(), request.exceptDepartmentId(),
                request.exceptCategory(), request.endsAt() == null ? null : request.endsAt().toInstant());
    }

    @PostMapping("/api/crisis/resume")
    @Operation(summary = "Resume; nothing held is sent: the held deliveries of the resumed accounts are listed for a "
            + "decision (send now, reschedule, cancel)")
    ResumeReport resume(Principal me, @Valid @RequestBody ResumeRequest request) {
        return pauses.resume(me.getName(), request.accountId());
    }

    @PostMapping("/api/posts/{id}/emergency-override")
    @Operation(summary = "Send an approved EMERGENCY post during a pause (ADMIN, with a reason; audited)")
    List<DeliveryView> override(Principal me, @PathVariable UUID id, @Valid @RequestBody OverrideRequest request) {
        return pauses.overrideForEmergency(me.getName(), new PostId(id), request.reason());
    }
}
