package org.kohogateway.gateway.policy;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One rule's objection to a post.
 *
 * @param start     offset of the offending span in the post's text (UTF-16 index), or -1 when the finding is not
 *                  about a span of the text (a separate link, a platform limit)
 * @param end       exclusive end of that span, or -1
 * @param accountId the target account the finding is about, or null when it concerns every target
 * @param arguments values for the message (the offending value first)
 */
public record Finding(RuleId rule, int start, int end, @Nullable Long accountId, List<String> arguments) {

    /** The order findings are shown in: what blocks first, then along the text, then by rule. */
    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::start).thenComparing(f -> f.rule().ordinal());

    public Finding {
        arguments = List.copyOf(arguments);
    }

    public Severity severity() {
        return rule.severity();
    }

    /** Message-bundle code of the explanation. */
    public String messageCode() {
        return "rule." + rule.name();
    }

    /** Identifies this finding on this content, so an acknowledgement names exactly what was acknowledged. */
    public String key() {
        return rule + ":" + start + "-" + end + ":" + (accountId == null ? "*" : accountId) + ":"
                + (arguments.isEmpty() ? "" : arguments.getFirst());
    }
}
