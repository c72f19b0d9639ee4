package org.kohogateway.gateway.api;

import java.util.Locale;

import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns refusals into RFC 9457 problem details in the caller's language (Japanese unless asked otherwise).
 * Framework errors (malformed JSON, wrong types, failed validation, unknown paths) come out of the base
 * class as 4xx problem details too.
 */
@RestControllerAdvice(basePackageClasses = ProblemDetails.class)
class ProblemDetails extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    ProblemDetails(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<ProblemDetail> refused(GatewayException e) {
        HttpStatus status = switch (e) {
            case NotFoundException n -> HttpStatus.NOT_FOUND;
            case NotPermittedException n -> HttpStatus.FORBIDDEN;
            case IllegalTransitionException n -> HttpStatus.CONFLICT;
            case ConflictException n -> HttpStatus.CONFLICT;
            case InvalidRequestException n -> HttpStatus.BAD_REQUEST;
        };
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage(e.code(), e.arguments(), e.getMessage(), locale));
        problem.setTitle(messages.getMessage("problem." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setProperty("code", e.code());
        return ResponseEntity.status(status).body(problem);
    }
}
