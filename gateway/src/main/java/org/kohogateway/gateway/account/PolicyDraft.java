package org.kohogateway.gateway.account;

import java.util.List;

/**
 * A policy as a person writes it: staff named by username. The workflow checks it and turns it into an
 * {@link AccountPolicy}.
 *
 * @param administrator username of the 管理者, a member of the owning department
 * @param operators     usernames of the 運営者（投稿者）, each a POSTER
 * @param altTextRequired null means required, the default
 */
public record PolicyDraft(String name, String url, String purpose, String administrator, List<String> operators,
        Boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples, String tone,
        String commentHandling, Boolean altTextRequired) {

    /** A policy that requires alt text on every image. */
    public PolicyDraft(String name, String url, String purpose, String administrator, List<String> operators,
            Boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples, String tone,
            String commentHandling) {
        this(name, url, purpose, administrator, operators, departmentApprovalRequired, replyPolicy, basicPrinciples,
                tone, commentHandling, null);
    }
}
