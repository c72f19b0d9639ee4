package org.kohogateway.gateway.api;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An approver's decision: a comment (required to reject, or the reason to cancel), the keys of the findings the
 * approver acknowledges, and which version of the content was reviewed.
 */
record DecisionRequest(@Size(max = 2000) String comment,
        @Schema(description = "keys of the 'needs acknowledgement' findings the approver acknowledges")
        @Size(max = 200) List<@NotBlank @Size(max = 2000) String> acknowledge,
        @Schema(description = "the post's contentHash as you reviewed it; if the author edited the post since, the "
                + "approval is refused with 409 instead of approving text you have not seen")
        @Size(max = 200) String contentHash) {
}
