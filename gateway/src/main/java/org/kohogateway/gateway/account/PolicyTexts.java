package org.kohogateway.gateway.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Renders policies as the texts an account publishes and the public list shows; the wording lives in the bundles. */
@Component
public class PolicyTexts {

    private final MessageSource messages;
    private final StaffDirectory staff;
    private final AccountProperties properties;

    PolicyTexts(MessageSource messages, StaffDirectory staff, AccountProperties properties) {
        this.messages = messages;
        this.staff = staff;
        this.properties = properties;
    }

    public PolicyText render(OfficialAccount account, Locale locale) {
        String department = staff.department(account.departmentId()).name();
        String homepage = properties.homepageUrl().toString();
        OperatingPolicy operating = account.policy();
        boolean noReplies = operating.replyPolicy() == ReplyPolicy.NO_REPLIES;
        String profile = noReplies ? message("policyText.profileNoReplies", locale, department, homepage)
                : message("policyText.profile", locale, department, homepage);
        List<String> lines = new ArrayList<>();
        lines.add(message("policyText.title", locale, account.name()));
        lines.add(message("policyText.owner", locale, department));
        lines.add(message("policyText.purpose", locale, account.purpose()));
        if (!operating.basicPrinciples().isBlank()) {
            lines.add(message("policyText.principles", locale, operating.basicPrinciples()));
        }
        if (!operating.tone().isBlank()) {
            lines.add(message("policyText.tone", locale, operating.tone()));
        }
        lines.add(message("policyText.comments", locale, replyStatement(account, locale)));
        lines.add(message("policyText.homepage", locale, homepage));
        return new PolicyText(profile, String.join("\n", lines));
    }

    /** How the account handles comments, in one statement: §6-③'s wording for no-reply accounts, then the city's own. */
    public String replyStatement(OfficialAccount account, Locale locale) {
        String own = account.policy().commentHandling();
        if (account.policy().replyPolicy() == ReplyPolicy.NO_REPLIES) {
            String statement = message("policyText.noReplies", locale);
            return own.isBlank() ? statement : statement + " " + own;
        }
        return own.isBlank() ? message("policyText.repliesAllowed", locale) : own;
    }

    private String message(String code, Locale locale, Object... arguments) {
        return messages.getMessage(code, arguments, locale);
    }
}
