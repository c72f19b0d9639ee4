package org.kohogateway.gateway.post;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A transition the aggregate made, written to the audit trail together with the change itself. */
record PostEvent(String action, String subjectType, String subjectId, @Nullable String before, String after,
        Map<String, ?> detail) {
}
