package org.kohogateway.gateway.account;

import java.util.Objects;

/**
 * The operating method part of an account's 運用ポリシー (guideline §5: 利用時の基本原則、表現の硬軟度合い、決裁の要・不要、
 * コメントへの対応). The first two components are what the gateway enforces; the texts are published.
 *
 * @param departmentApprovalRequired false means the policy waives 所属長 approval, so the PR department
 *                                   approves instead (guideline §6-②)
 * @param basicPrinciples            利用時の基本原則
 * @param tone                       表現の硬軟度合い
 * @param commentHandling            how comments are handled, in the city's words; with NO_REPLIES the gateway adds
 *                                   the §6-③ statement itself
 * @param altTextRequired            every image must be described (the default, みんなの公共サイト運用ガイドライン §6.5):
 *                                   {@code ALT_TEXT_MISSING} blocks; false lets an image go without one
 */
public record OperatingPolicy(boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples,
        String tone, String commentHandling, boolean altTextRequired) {

    public OperatingPolicy {
        Objects.requireNonNull(replyPolicy, "replyPolicy");
        basicPrinciples = basicPrinciples == null ? "" : basicPrinciples.strip();
        tone = tone == null ? "" : tone.strip();
        commentHandling = commentHandling == null ? "" : commentHandling.strip();
    }

    /** A policy that requires alt text, as every account does unless its policy says otherwise. */
    public OperatingPolicy(boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples,
            String tone, String commentHandling) {
        this(departmentApprovalRequired, replyPolicy, basicPrinciples, tone, commentHandling, true);
    }

    /** The enforced part only, for accounts registered without the published texts. */
    public OperatingPolicy(boolean departmentApprovalRequired, ReplyPolicy replyPolicy) {
        this(departmentApprovalRequired, replyPolicy, "", "", "");
    }
}
