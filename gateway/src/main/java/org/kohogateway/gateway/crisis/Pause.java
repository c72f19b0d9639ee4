package org.kohogateway.gateway.crisis;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;

/**
 * An active pause. It may name who may still post: a department, a category, or both (a post must then match both),
 * such as the disaster-prevention department's EMERGENCY posts; every other delivery is held.
 *
 * @param accountId          the paused account, or null when everything is paused
 * @param exceptDepartmentId the department whose posts may still go out, or null
 * @param exceptCategory     the category of posts that may still go out, or null
 * @param endsAt             when the pause ends by itself, or null when only a person ends it
 */
public record Pause(@Nullable Long accountId, String reason, String pausedBy, Instant pausedAt,
        @Nullable Long exceptDepartmentId, @Nullable PostCategory exceptCategory, @Nullable Instant endsAt) {

    /** Whether this pause holds a post of the given department and category: the one rule the gate applies. */
    public boolean stops(long departmentId, PostCategory category) {
        if (exceptDepartmentId == null && exceptCategory == null) {
            return true;
        }
        boolean department = exceptDepartmentId == null || exceptDepartmentId == departmentId;
        boolean ofCategory = exceptCategory == null || exceptCategory == category;
        return !(department && ofCategory);
    }
}
