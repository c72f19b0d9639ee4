package org.kohogateway.gateway.api;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;

record RescheduleRequest(@NotNull OffsetDateTime scheduledAt) {
}
