package org.kohogateway.gateway.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Explains rule findings and refusals on the pages, in the person's language. */
@Component
class FindingLines {

    /**
     * One finding as a page shows it.
     *
     * @param excerpt the offending span of the text, or null when the finding is not about a span
     * @param account the name of the account the finding concerns, or null for every target
     */
    record Line(String key, Severity severity, String section, String message, @Nullable String excerpt,
            @Nullable String account) {

        public boolean needsAcknowledgement() {
            return severity == Severity.ACKNOWLEDGE;
        }

        public boolean blocks() {
            return severity == Severity.BLOCK;
        }
    }

    private final MessageSource messages;

    FindingLines(MessageSource messages) {
        this.messages = messages;
    }

    List<Line> of(List<?> findings, String text, Map<Long, String> accountNames) {
        return findings.stream().filter(Finding.class::isInstance).map(Finding.class::cast)
                .map(f -> line(f, text, accountNames)).toList();
    }

    private Line line(Finding f, @Nullable String text, Map<Long, String> accountNames) {
        String message = messages.getMessage(f.messageCode(), f.arguments().toArray(), f.rule().name(),
                LocaleContextHolder.getLocale());
        String excerpt = text != null && f.start() >= 0 && f.end() <= text.length() && f.start() < f.end()
                ? text.substring(f.start(), f.end()) : null;
        String account = f.accountId() == null ? null : accountNames.getOrDefault(f.accountId(), "#" + f.accountId());
        return new Line(f.key(), f.severity(), f.rule().section(), message, excerpt, account);
    }

    /**
     * The refusal for the next page (after a redirect), with the findings that caused it; a refusal of the person
     * is not flashed but answered with 403 ({@link FormErrors#passOnRefusalOfThePerson}).
     */
    void flash(RedirectAttributes redirect, GatewayException e, String text, Map<Long, String> accountNames) {
        FormErrors.passOnRefusalOfThePerson(e);
        redirect.addFlashAttribute("errorCode", e.code());
        redirect.addFlashAttribute("errorArgs", e.arguments());
        if (e instanceof PolicyViolationException violation) {
            redirect.addFlashAttribute("errorFindings", of(violation.findings(), text, accountNames));
        }
    }

    /** The refusal on the page being rendered now; a refusal of the person is answered with 403 instead. */
    void show(Model model, GatewayException e, String text, Map<Long, String> accountNames) {
        FormErrors.passOnRefusalOfThePerson(e);
        model.addAttribute("errorCode", e.code());
        model.addAttribute("errorArgs", e.arguments());
        if (e instanceof PolicyViolationException violation) {
            model.addAttribute("errorFindings", of(violation.findings(), text, accountNames));
        }
    }
}
