package org.kohogateway.gateway.template;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;

/**
 * A template as the API shows it: its newest version, and which version is in use (filled to post) while the newest
 * waits for approval.
 *
 * @param inUseVersion the approved version filled to post; null before the first approval
 * @param drill        a drill template: every post filled from it is a drill
 * @param warningAnswer which change of a warning of its kinds drafts a post from it
 */
public record TemplateView(long id, int version, long departmentId, String name, String text,
        List<Placeholder> placeholders, List<Long> accountIds, PostCategory category, List<String> warningKinds,
        WarningAnswer warningAnswer, TemplateStatus status, long authorId, @Nullable Long decidedBy, @Nullable Instant decidedAt,
        @Nullable String decisionComment, @Nullable Integer inUseVersion, boolean drill) {

    static TemplateView of(PostTemplate t, @Nullable Integer inUse) {
        return new TemplateView(t.id(), t.version(), t.departmentId(), t.name(), t.text(), t.placeholders(),
                t.accountIds(), t.category(), t.warningKinds(), t.warningAnswer(), t.status(), t.authorId(), t.decidedBy(), t.decidedAt(),
                t.decisionComment(), inUse, t.drill());
    }
}
