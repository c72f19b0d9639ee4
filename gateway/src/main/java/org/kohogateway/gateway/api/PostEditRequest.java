package org.kohogateway.gateway.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;

import io.swagger.v3.oas.annotations.media.Schema;

/** New content for a post; editing an approved post voids its approval. */
record PostEditRequest(
        @NotBlank @Size(max = PostWorkflow.MAX_TEXT) String text,
        @Size(max = PostWorkflow.MAX_LINKS) List<@NotBlank @Size(max = PostWorkflow.MAX_URL) String> links,
        @Size(max = PostWorkflow.MAX_MEDIA) List<@NotBlank @Size(max = PostWorkflow.MAX_URL) String> mediaUrls,
        @NotNull PostCategory category,
        OffsetDateTime scheduledAt,
        @Size(max = PostWorkflow.MAX_URL) String replyTo,
        @Size(max = PostWorkflow.MAX_URL) String quoteOf,
        @Size(max = PostWorkflow.MAX_URL) String proposal,
        @Valid @Size(max = PostWorkflow.MAX_MEDIA) List<@NotNull MediaChoiceRequest> media,
        @Schema(description = "Leave out; a drill stays a drill and a live post stays live (409 post.drillFixed "
                + "otherwise)") Boolean drill) {
}
