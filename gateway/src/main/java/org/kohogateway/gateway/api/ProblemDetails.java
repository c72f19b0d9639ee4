package org.kohogateway.gateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.BusyException;
import org.kohogateway.gateway.support.TooManyAtOnceException;
import org.kohogateway.gateway.support.UnacceptableContentException;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.PolicyViolationException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/**
 * Turns refusals into RFC 9457 problem details in the caller's language (Japanese unless asked otherwise).
 * Framework errors (malformed JSON, wrong types, failed validation, unknown paths) come out of the base
 * class as 4xx problem details too; those about the body or parameters name the offending field, so the caller
 * can tell what to fix ({@code detail} lists them, the {@code errors} property has one entry per field).
 */
@RestControllerAdvice(basePackageClasses = ProblemDetails.class)
class ProblemDetails extends ResponseEntityExceptionHandler {

    private final MessageSource messages;
    private final FindingViews findings;

    ProblemDetails(MessageSource messages, FindingViews findings) {
        this.messages = messages;
        this.findings = findings;
    }

    @ExceptionHandler(GatewayException.class)
    ResponseEntity<ProblemDetail> refused(GatewayException e) {
        HttpStatus status = switch (e) {
            case NotFoundException n -> HttpStatus.NOT_FOUND;
            case NotPermittedException n -> HttpStatus.FORBIDDEN;
            case IllegalTransitionException n -> HttpStatus.CONFLICT;
            case ConflictException n -> HttpStatus.CONFLICT;
            case InvalidRequestException n -> HttpStatus.BAD_REQUEST;
            case PolicyViolationException n -> HttpStatus.UNPROCESSABLE_CONTENT;
            case BusyException n -> HttpStatus.SERVICE_UNAVAILABLE;
            case TooManyAtOnceException n -> HttpStatus.TOO_MANY_REQUESTS;
            case UnacceptableContentException u -> u.reason() == UnacceptableContentException.Reason.TOO_LARGE
                    ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        };
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage(e.code(), e.arguments(), e.getMessage(), locale));
        problem.setTitle(messages.getMessage("problem." + status.value(), null, status.getReasonPhrase(), locale));
        problem.setProperty("code", e.code());
        if (e instanceof PolicyViolationException violation) {
            problem.setProperty("findings", findings.of(violation.findings()));
        }
        if (e instanceof BusyException || e instanceof TooManyAtOnceException) {
            // nothing is wrong with the request: the same one succeeds once what keeps the gateway busy finished
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
        }
        return ResponseEntity.status(status).body(problem);
    }

    /**
     * The database gave up waiting for a lock or on a statement ({@code gateway.database.*}): something else holds what
     * this request needs. Nothing was changed (the transaction rolled back), so the caller may simply try again.
     */
    @ExceptionHandler({PessimisticLockingFailureException.class, QueryTimeoutException.class})
    ResponseEntity<ProblemDetail> busy(DataAccessException e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                messages.getMessage("problem.busy", null, "busy: nothing was changed; try again", locale));
        problem.setProperty("code", "problem.busy");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /** A request body that failed bean validation ({@code @Valid}): name each field and its (localized) message. */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return fieldProblems(ex, errors, headers, status, request);
    }

    /** Constrained request parameters ({@code limit=0}): name each parameter and its (localized) message. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
                .forEach(error -> errors.add(new FieldProblem(result.getMethodParameter().getParameterName(),
                        error.getDefaultMessage()))));
        return fieldProblems(ex, errors, headers, status, request);
    }

    /** Unreadable JSON: where Jackson knows which field could not be read (wrong type, unknown enum value), say so. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = jsonPath(ex);
        if (field == null) {
            return super.handleHttpMessageNotReadable(ex, headers, status, request);
        }
        return fieldProblems(ex, List.of(new FieldProblem(field, "cannot read this value (wrong type or unknown value)")),
                headers, status, request);
    }

    private ResponseEntity<Object> fieldProblems(Exception ex, List<FieldProblem> errors, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String detail = errors.isEmpty() ? null
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                detail == null ? "Invalid request content." : detail);
        problem.setProperty("errors", errors.stream().map(FieldProblem::asMap).toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static @Nullable String jsonPath(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JacksonException.Reference ref : jackson.getPath()) {
                    if (ref.getPropertyName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
        }
        return null;
    }

    private record FieldProblem(String field, String message) {

        Map<String, String> asMap() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("field", field);
            map.put("message", message);
            return map;
        }
    }
}
