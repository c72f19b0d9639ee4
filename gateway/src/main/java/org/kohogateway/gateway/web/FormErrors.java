package org.kohogateway.gateway.web;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.kohogateway.gateway.support.BusyException;
import org.kohogateway.gateway.support.TooManyAtOnceException;
import org.kohogateway.gateway.support.UnacceptableContentException;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A refusal shown on the form that was sent ({@code layout :: formError(form)}), with a status that says what kind
 * of refusal it was. The domain names states, steps and lists by their enum constants; the person reads them in
 * their own language: an enum argument becomes the message {@code <enumType>.<CONSTANT>} (e.g.
 * {@code responseStep.RESPOND_CALMLY}) where the bundles have one, a collection the list of its elements.
 */
@Component
class FormErrors {

    private final MessageSource messages;

    FormErrors(MessageSource messages) {
        this.messages = messages;
    }

    void show(Model model, HttpServletResponse response, String form, GatewayException e) {
        passOnRefusalOfThePerson(e);
        response.setStatus(status(e));
        model.addAttribute("formError", form);
        model.addAttribute("formErrorCode", e.code());
        model.addAttribute("formErrorArgs", arguments(e));
    }

    /**
     * A refusal of the person (their role, their department, their own post or request) is nothing they can correct
     * on the form they sent, and the page must not look as if the form had merely been sent wrong: it goes on to
     * {@link PageModel}, which answers it with the error page and 403, as the API does. Every page form's refusal
     * passes here, through {@link #show} or {@link FindingLines}, so this is the one place that decides it. A refusal
     * that asks for a second person ({@link NotPermittedException#asksForASecondPerson()}: the one who drew up a
     * disposal list approving it) stays on the form, with 403: the person may do this, and the form says who can.
     */
    static void passOnRefusalOfThePerson(GatewayException e) {
        if (e instanceof NotPermittedException refusal && !refusal.asksForASecondPerson()) {
            throw refusal;
        }
    }

    private static int status(GatewayException e) {
        return switch (e) {
            case NotFoundException n -> 404;
            case NotPermittedException n -> 403;
            case ConflictException n -> 409;
            case IllegalTransitionException n -> 409;
            case BusyException n -> 503;
            case TooManyAtOnceException n -> 429;
            case UnacceptableContentException u -> u.reason() == UnacceptableContentException.Reason.TOO_LARGE ? 413 : 415;
            default -> 400;
        };
    }

    Object[] arguments(GatewayException e) {
        Object[] arguments = e.arguments();
        Locale locale = LocaleContextHolder.getLocale();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = label(arguments[i], locale);
        }
        return arguments;
    }

    private Object label(Object argument, Locale locale) {
        if (argument instanceof Enum<?> constant) {
            String type = constant.getDeclaringClass().getSimpleName();
            String key = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "." + constant.name();
            return messages.getMessage(key, null, constant.name(), locale);
        }
        if (argument instanceof Collection<?> elements) {
            String separator = messages.getMessage("list.separator", null, ", ", locale);
            return elements.stream().map(element -> String.valueOf(label(element, locale)))
                    .collect(Collectors.joining(separator));
        }
        return argument;
    }
}
