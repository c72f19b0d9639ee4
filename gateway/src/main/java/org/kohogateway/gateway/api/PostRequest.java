package org.kohogateway.gateway.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;

import io.swagger.v3.oas.annotations.media.Schema;

/** A new post as the API takes it. */
record PostRequest(
        @NotBlank @Size(max = PostWorkflow.MAX_TEXT) String text,
        @Size(max = PostWorkflow.MAX_LINKS) List<@NotBlank @Size(max = PostWorkflow.MAX_URL) String> links,
        @Schema(description = "https addresses of JPEG or PNG images: each is fetched once and kept as an upload "
                + "(alt text empty: set it with an edit)")
        @Size(max = PostWorkflow.MAX_MEDIA) List<@NotBlank @Size(max = PostWorkflow.MAX_URL) String> mediaUrls,
        @NotNull PostCategory category,
        @NotEmpty @Size(max = 100) List<@NotNull Long> accountIds,
        @Schema(description = "When to publish (ISO 8601 with offset); omit for as soon as approved") OffsetDateTime scheduledAt,
        @Schema(description = "PR direct publish only: the already-published source on an official city domain")
        @Size(max = PostWorkflow.MAX_URL) String sourceUrl,
        @Schema(description = "URL of the post this one replies to or comments on")
        @Size(max = PostWorkflow.MAX_URL) String replyTo,
        @Schema(description = "URL of the post this one quotes or reposts")
        @Size(max = PostWorkflow.MAX_URL) String quoteOf,
        @Schema(description = "Id of the sent post this one corrects (guideline §7-①)") UUID correctionOf,
        @Schema(description = "POLICY_PROPOSAL_REPLY only: the address or number of the policy proposal answered")
        @Size(max = PostWorkflow.MAX_URL) String proposal,
        @Schema(description = "Uploaded images in the order they are shown, each with its alt text; pasted "
                + "mediaUrls are fetched once and follow them")
        @Valid @Size(max = PostWorkflow.MAX_MEDIA) List<@NotNull MediaChoiceRequest> media,
        @Schema(description = "A drill (訓練): sent only to the staff's LINE test recipients, never to a public "
                + "account; it stays a drill") Boolean drill) {
}
