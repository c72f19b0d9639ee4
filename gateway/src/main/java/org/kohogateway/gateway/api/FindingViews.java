package org.kohogateway.gateway.api;

import java.util.List;

import org.kohogateway.gateway.policy.Finding;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Explains findings in the caller's language (Japanese unless asked otherwise). */
@Component
class FindingViews {

    private final MessageSource messages;

    FindingViews(MessageSource messages) {
        this.messages = messages;
    }

    List<FindingView> of(List<?> findings) {
        return findings.stream().filter(Finding.class::isInstance).map(Finding.class::cast).map(this::of).toList();
    }

    FindingView of(Finding f) {
        Object[] arguments = f.arguments().toArray();
        String message = messages.getMessage(f.messageCode(), arguments, f.rule().name(), LocaleContextHolder.getLocale());
        return new FindingView(f.rule(), f.severity(), f.rule().section(), message, f.start(), f.end(), f.accountId(),
                f.arguments(), f.key());
    }
}
