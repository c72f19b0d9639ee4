package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HttpValidatorsTest {

    private static final URI FEED = URI.create("https://www.city.example.jp/feed.xml");

    @Test
    void theValidatorsOfAnAnswerComeBackAsTheNextRequestsConditions() {
        // the headers as SafeFetch keeps them, named in lower case
        SafeFetch.Answer answer = new SafeFetch.Answer(200,
                Map.of("etag", "\"v1\"", "last-modified", "Tue, 01 Apr 2025 00:00:00 GMT"), new byte[0], false, FEED);
        Map<String, String> headers = new LinkedHashMap<>();

        HttpValidators.of(answer).addConditionsTo(headers);

        assertThat(headers).containsExactly(Map.entry("If-None-Match", "\"v1\""),
                Map.entry("If-Modified-Since", "Tue, 01 Apr 2025 00:00:00 GMT"));
    }

    @Test
    void aValidatorTheAnswerDidNotGiveIsNoCondition() {
        SafeFetch.Answer answer = new SafeFetch.Answer(200, Map.of("etag", "\"v1\""), new byte[0], false, FEED);
        Map<String, String> headers = new LinkedHashMap<>();

        HttpValidators.of(answer).addConditionsTo(headers);

        assertThat(headers).containsExactly(Map.entry("If-None-Match", "\"v1\""));
    }
}
