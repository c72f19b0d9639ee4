package org.kohogateway.gateway.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.post.PostWorkflow;

import io.swagger.v3.oas.annotations.media.Schema;

/** An uploaded image chosen for a post, by the id {@code POST /api/media} answered. */
record MediaChoiceRequest(
        @Schema(description = "The id POST /api/media answered") @NotNull Long id,
        @Schema(description = "What the image shows, for people who cannot see it; omit to keep the upload's")
        @Size(max = PostWorkflow.MAX_ALT_TEXT) String altText) {
}
