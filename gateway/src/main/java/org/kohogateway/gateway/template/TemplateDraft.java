package org.kohogateway.gateway.template;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;

/**
 * A template as its author writes it.
 *
 * @param category     the posts' category; EMERGENCY when absent
 * @param warningKinds JMA warning kind codes the template answers ("03" 大雨警報): a warning of one drafts a post
 */
public record TemplateDraft(String name, String text, List<Placeholder> placeholders, List<Long> accountIds,
        @Nullable PostCategory category, @Nullable List<String> warningKinds) {
}
