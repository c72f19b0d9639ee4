package org.kohogateway.gateway.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details for API requests that reach no API controller method: an unknown path under {@code /api/} (404)
 * or a method the path does not take (405, with {@code Allow}). {@link ProblemDetails} only advises the API's
 * controllers, so without this these fell through to Boot's {@code /error} JSON, which is no RFC 9457 problem.
 * Pages keep their own error handling.
 */
@Component
class UnmatchedApiRequests implements HandlerExceptionResolver, Ordered {

    private final ProblemDetails problems;
    private final JsonMapper json;

    UnmatchedApiRequests(ProblemDetails problems, JsonMapper json) {
        this.problems = problems;
        this.json = json;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            Object handler, Exception ex) {
        if (handler instanceof HandlerMethod || !(ex instanceof ErrorResponse)
                || !request.getRequestURI().startsWith("/api/") || response.isCommitted()) {
            return null;
        }
        try {
            ResponseEntity<Object> entity = problems.handleException(ex, new ServletWebRequest(request, response));
            if (entity == null || !(entity.getBody() instanceof ProblemDetail problem)) {
                return null;
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(request.getRequestURI()));
            }
            response.setStatus(entity.getStatusCode().value());
            entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            json.writeValue(response.getOutputStream(), problem);
            return new ModelAndView();
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
