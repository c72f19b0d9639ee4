package org.kohogateway.gateway.api;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record RescheduleRequest(@NotNull OffsetDateTime scheduledAt,
        @Size(max = 200) List<@NotBlank @Size(max = 2000) String> acknowledge) {
}
