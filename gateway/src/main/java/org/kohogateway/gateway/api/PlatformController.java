package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.account.ReadableAccounts;
import org.kohogateway.gateway.dispatch.ChannelStates;
import org.kohogateway.gateway.dispatch.LinePreviews;
import org.kohogateway.gateway.dispatch.PlatformQuotas;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "platforms", description = "What the platforms themselves say: quotas, channels' "
        + "state and previews")
class PlatformController {

    private final PlatformQuotas quotas;
    private final LinePreviews previews;
    private final ReadableAccounts accounts;
    private final ApiReaders readers;
    private final ChannelStates channels;

    PlatformController(PlatformQuotas quotas, LinePreviews previews, ReadableAccounts accounts, ApiReaders readers,
            ChannelStates channels) {
        this.channels = channels;
        this.accounts = accounts;
        this.readers = readers;
        this.quotas = quotas;
        this.previews = previews;
    }

    /** @param recipientUserId the LINE user id (U + 32 hex) of the staff member who wants to see the preview */
    record PreviewRequest(@NotBlank @Size(max = 64) String recipientUserId) {
    }

    @GetMapping("/api/accounts/{id}/quota")
    @Operation(summary = "The platform's sending quota for the account: LINE's monthly message quota, Instagram's "
            + "and Threads' rolling 24-hour publishing limit; of your department's accounts (every account for PR, admins and "
            + "auditors), else 404")
    PlatformQuotas.Quota quota(Staff me, @PathVariable long id) {
        Readers reader = readers.of(me);
        accounts.owned(id, reader.departmentId(), reader.accountIds());
        return quotas.of(id);
    }

    @GetMapping("/api/channels")
    @Operation(summary = "Each account's state as the gateway last saw it — healthy, failing (suspended, locked, "
            + "credentials rejected: why and since when), paused, or at a quota or rate limit — with how much of each "
            + "rolling limit it used, and per department a suggestion to add a fallback channel (website, LINE, "
            + "Facebook) when its accounts are all on one platform or one cannot send; of your department's accounts "
            + "(every account for PR, admins and auditors; a token's accounts only). Asks no platform")
    ChannelStates.Overview channels(Staff me) {
        return channels.overview(readers.of(me));
    }

    @PostMapping("/api/posts/{id}/preview")
    @Operation(summary = "Push the post's LINE messages to one test recipient before approval (audited)")
    List<LinePreviews.PreviewResult> preview(Principal me, @PathVariable UUID id,
            @Valid @RequestBody PreviewRequest request) {
        return previews.preview(me.getName(), new PostId(id), request.recipientUserId());
    }
}
