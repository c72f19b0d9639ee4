package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.blankToNull;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountPolicy;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.PolicyDraft;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * An account request as typed: platform, owning department and the whole operating policy (guideline §5). Every field
 * is a string so that nothing the browser sends can fail binding; {@link #draft()} parses, and the account workflow
 * checks the rest.
 */
public class AccountForm {

    private String platform = "";
    private String departmentId = "";
    private String name = "";
    private String url = "";
    private String purpose = "";
    private String administrator = "";
    private List<String> operators = new ArrayList<>();
    private String departmentApprovalRequired = "";
    private String replyPolicy = "";
    private String basicPrinciples = "";
    private String tone = "";
    private String commentHandling = "";
    private String altTextRequired = "true";

    /** The account's current policy, to be edited into the next version. */
    static AccountForm of(OfficialAccount account, StaffDirectory staff) {
        AccountPolicy policy = account.accountPolicy();
        AccountForm form = new AccountForm();
        form.platform = account.platform().name();
        form.departmentId = String.valueOf(account.departmentId());
        form.name = policy.name();
        form.url = policy.url();
        form.purpose = policy.purpose();
        form.administrator = policy.administratorId() == null ? "" : staff.byId(policy.administratorId()).username();
        form.operators = new ArrayList<>(policy.operatorIds().stream().map(id -> staff.byId(id).username()).toList());
        form.departmentApprovalRequired = String.valueOf(policy.operating().departmentApprovalRequired());
        form.replyPolicy = policy.operating().replyPolicy().name();
        form.basicPrinciples = policy.operating().basicPrinciples();
        form.tone = policy.operating().tone();
        form.commentHandling = policy.operating().commentHandling();
        form.altTextRequired = String.valueOf(policy.operating().altTextRequired());
        return form;
    }

    PolicyDraft draft() {
        return new PolicyDraft(name, url, purpose, blankToNull(administrator), operators.stream()
                .filter(o -> o != null && !o.isBlank()).map(String::strip).distinct().toList(), approval(),
                parsedReplyPolicy(), basicPrinciples, tone, commentHandling, !"false".equals(
                        altTextRequired == null ? "" : altTextRequired.strip()));
    }

    @Nullable Platform parsedPlatform() {
        if (platform == null || platform.isBlank()) {
            return null;
        }
        try {
            return Platform.valueOf(platform.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("account.platformRequired", "no platform " + platform);
        }
    }

    @Nullable Long parsedDepartmentId() {
        if (departmentId == null || departmentId.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(departmentId.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("staff.unknownDepartment", "no department " + departmentId, departmentId);
        }
    }

    private Boolean approval() {
        return switch (departmentApprovalRequired == null ? "" : departmentApprovalRequired.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    private @Nullable ReplyPolicy parsedReplyPolicy() {
        if (replyPolicy == null || replyPolicy.isBlank()) {
            return null;
        }
        try {
            return ReplyPolicy.valueOf(replyPolicy.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("account.replyPolicyRequired", "no reply policy " + replyPolicy);
        }
    }

    public boolean operates(String username) {
        return operators != null && operators.contains(username);
    }

    public String getPlatform() {
        return platform;
    }

    public void setPlatform(String platform) {
        this.platform = platform;
    }

    public String getDepartmentId() {
        return departmentId;
    }

    public void setDepartmentId(String departmentId) {
        this.departmentId = departmentId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public String getAdministrator() {
        return administrator;
    }

    public void setAdministrator(String administrator) {
        this.administrator = administrator;
    }

    public List<String> getOperators() {
        return operators;
    }

    public void setOperators(@Nullable List<String> operators) {
        this.operators = operators == null ? new ArrayList<>() : operators;
    }

    public String getDepartmentApprovalRequired() {
        return departmentApprovalRequired;
    }

    public void setDepartmentApprovalRequired(String departmentApprovalRequired) {
        this.departmentApprovalRequired = departmentApprovalRequired;
    }

    public String getReplyPolicy() {
        return replyPolicy;
    }

    public void setReplyPolicy(String replyPolicy) {
        this.replyPolicy = replyPolicy;
    }

    public String getBasicPrinciples() {
        return basicPrinciples;
    }

    public void setBasicPrinciples(String basicPrinciples) {
        this.basicPrinciples = basicPrinciples;
    }

    public String getTone() {
        return tone;
    }

    public void setTone(String tone) {
        this.tone = tone;
    }

    public String getAltTextRequired() {
        return altTextRequired;
    }

    public void setAltTextRequired(String altTextRequired) {
        this.altTextRequired = altTextRequired;
    }

    public String getCommentHandling() {
        return commentHandling;
    }

    public void setCommentHandling(String commentHandling) {
        this.commentHandling = commentHandling;
    }
}
