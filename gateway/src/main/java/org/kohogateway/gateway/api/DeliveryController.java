package org.kohogateway.gateway.api;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.dispatch.SentPosts;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.post.UncertainDeliveries;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

// No class-level @Validated: Spring MVC's own method validation checks @Min/@Max on parameters and answers
// 400 (HandlerMethodValidationException); the @Validated AOP proxy threw ConstraintViolationException → 500.
@RestController
@Tag(name = "deliveries")
class DeliveryController {

    private final SendLog sendLog;
    private final UncertainDeliveries uncertain;
    private final SentPosts sentPosts;
    private final ApiReaders readers;

    DeliveryController(SendLog sendLog, UncertainDeliveries uncertain, SentPosts sentPosts, ApiReaders readers) {
        this.readers = readers;
        this.sendLog = sendLog;
        this.uncertain = uncertain;
        this.sentPosts = sentPosts;
    }

    record DeletionRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping("/api/deliveries/{id}/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a sent post on its platform where the platform allows it (ADMIN, PR_OFFICER; audited)")
    void delete(Principal me, @PathVariable UUID id, @Valid @RequestBody DeletionRequest request) {
        sentPosts.delete(me.getName(), id, request.reason());
    }

    /**
     * @param foundOnPlatform whether the post was found on the platform
     * @param platformReference the post's id or address there, when found
     * @param reason how it was checked
     */
    record Resolution(@NotNull Boolean foundOnPlatform, @Size(max = 2048) String platformReference,
            @NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping("/api/deliveries/{id}/resolve")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Settle an UNCERTAIN delivery after checking the platform: record it as sent, or send it again "
            + "(ADMIN, PR_OFFICER)")
    void resolve(Principal me, @PathVariable UUID id, @Valid @RequestBody Resolution resolution) {
        uncertain.resolve(me.getName(), id, resolution.foundOnPlatform(), resolution.platformReference(),
                resolution.reason());
    }

    @GetMapping("/api/deliveries")
    @Operation(summary = "The send log: deliveries by status, account, time range of their last change and actor "
            + "(author or approver), most recently changed first; only the deliveries of posts you may read (within a token's "
            + "accounts)")
    List<DeliveryView> list(Staff me, @RequestParam(required = false) DeliveryStatus status,
            @RequestParam(required = false) Long accountId, @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) String actor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return sendLog.search(readers.of(me), status, accountId, from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), actor, limit);
    }
}
