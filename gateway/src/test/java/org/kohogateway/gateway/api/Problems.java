package org.kohogateway.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.kohogateway.gateway.testing.Api;

import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem details as the API answers refusals. */
public final class Problems {

    private Problems() {
    }

    /** The response is a problem of this status, with a {@code detail}; returns its body. */
    public static JsonNode assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(problem.path("detail").asString("")).as(response.toString()).isNotBlank();
        return problem;
    }

    /** The response is a problem of this status whose gateway code is {@code code}; returns its body. */
    public static JsonNode assertRefusal(Api.Response response, int status, String code) {
        JsonNode problem = assertProblem(response, status);
        assertThat(problem.path("code").asString("")).as(response.toString()).isEqualTo(code);
        return problem;
    }
}
