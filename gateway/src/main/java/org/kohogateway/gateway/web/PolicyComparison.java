package org.kohogateway.gateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.AccountPolicy;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.context.MessageSource;

/**
 * An in-service account's policy in force beside the proposed version, field by field, for the deciders and the
 * requesters (§5): every field is shown, so a decider sees what stays as well as what changes, and each change is
 * said in words (not only by colour).
 *
 * @param currentVersion the version in force, which stays in force until the PR department approves
 */
record PolicyComparison(int currentVersion, List<Row> rows, long changedCount) {

    /**
     * @param field the field's name as the API's {@code proposedChanges} names it
     * @param label the message key of the field's label
     */
    record Row(String field, String label, String current, String proposed, boolean changed) {
    }

    /** The comparison of a pending policy change; null when none is pending. */
    static @Nullable PolicyComparison of(OfficialAccount account, StaffDirectory staff, MessageSource messages,
            Locale locale) {
        if (account.proposedPolicy() == null) {
            return null;
        }
        Values values = new Values(staff, messages, locale);
        List<String> changed = account.proposedChanges();
        List<Row> rows = new ArrayList<>();
        AccountPolicy current = account.accountPolicy();
        AccountPolicy proposed = account.proposedPolicy();
        row(rows, changed, "name", "reviews.name", current, proposed, AccountPolicy::name);
        row(rows, changed, "url", "reviews.url", current, proposed, AccountPolicy::url);
        row(rows, changed, "purpose", "reviews.purpose", current, proposed, AccountPolicy::purpose);
        row(rows, changed, "administrator", "reviews.administrator", current, proposed,
                p -> p.administratorId() == null ? "" : values.member(p.administratorId()));
        row(rows, changed, "operators", "reviews.operators", current, proposed,
                p -> p.operatorIds().stream().map(values::member).collect(Collectors.joining(values.separator())));
        row(rows, changed, "departmentApprovalRequired", "reviews.approval", current, proposed,
                p -> values.message(p.operating().departmentApprovalRequired() ? "admin.approvalRequired"
                        : "admin.approvalWaived"));
        row(rows, changed, "replyPolicy", "reviews.replies", current, proposed,
                p -> values.message("replyPolicy." + p.operating().replyPolicy()));
        row(rows, changed, "basicPrinciples", "reviews.basicPrinciples", current, proposed,
                p -> p.operating().basicPrinciples());
        row(rows, changed, "tone", "reviews.tone", current, proposed, p -> p.operating().tone());
        row(rows, changed, "commentHandling", "reviews.commentHandling", current, proposed,
                p -> p.operating().commentHandling());
        row(rows, changed, "altTextRequired", "reviews.altText", current, proposed,
                p -> values.message(p.operating().altTextRequired() ? "admin.altTextRequired"
                        : "admin.altTextOptional"));
        return new PolicyComparison(account.policyVersion(), rows, rows.stream().filter(Row::changed).count());
    }

    private static void row(List<Row> rows, List<String> changed, String field, String label, AccountPolicy current,
            AccountPolicy proposed, Function<AccountPolicy, String> value) {
        rows.add(new Row(field, label, value.apply(current), value.apply(proposed), changed.contains(field)));
    }

    private record Values(StaffDirectory staff, MessageSource messages, Locale locale) {

        String member(long id) {
            Staff member = staff.byId(id);
            return message("accountRequests.member", member.displayName(), member.username());
        }

        String separator() {
            return "ja".equals(locale.getLanguage()) ? "、" : ", ";
        }

        String message(String code, Object... arguments) {
            return messages.getMessage(code, arguments, locale);
        }
    }
}
