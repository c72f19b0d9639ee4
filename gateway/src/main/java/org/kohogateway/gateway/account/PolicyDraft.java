package org.kohogateway.gateway.account;

import java.util.List;

/**
 * A policy as a person writes it: staff named by username. The workflow checks it and turns it into an
 * {@link AccountPolicy}.
 *
 * @param administrator username of the 管理者, a member of the owning department
 * @param operators     usernames of the 運営者（投稿者）, each a POSTER
 */
public record PolicyDraft(String name, String url, String purpose, String administrator, List<String> operators,
        Boolean departmentApprovalRequired, ReplyPolicy replyPolicy, String basicPrinciples, String tone,
        String commentHandling) {
}
