package org.kohogateway.gateway.template;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;

/**
 * A template as its author writes it.
 *
 * @param category     the posts' category; EMERGENCY when absent
 * @param warningKinds JMA warning kind codes the template answers ("03" 大雨警報): a warning of one drafts a post
 * @param drill        a drill template (訓練), whose posts are drills; fixed when the template is written, so an edit
 *                     leaves it out (null) or says what it is
 * @param warningAnswer which change of a warning of those kinds drafts a post: its issue (the default when null), its
 *                      lift (解除), or both
 */
public record TemplateDraft(String name, String text, List<Placeholder> placeholders, List<Long> accountIds,
        @Nullable PostCategory category, @Nullable List<String> warningKinds, @Nullable Boolean drill,
        @Nullable WarningAnswer warningAnswer) {

    /** A draft answering the issue of a warning of its kinds. */
    public TemplateDraft(String name, String text, List<Placeholder> placeholders, List<Long> accountIds,
            @Nullable PostCategory category, @Nullable List<String> warningKinds, @Nullable Boolean drill) {
        this(name, text, placeholders, accountIds, category, warningKinds, drill, null);
    }

    /** A draft that does not say whether the template is a drill: a new one is live. */
    public TemplateDraft(String name, String text, List<Placeholder> placeholders, List<Long> accountIds,
            @Nullable PostCategory category, @Nullable List<String> warningKinds) {
        this(name, text, placeholders, accountIds, category, warningKinds, null, null);
    }
}
