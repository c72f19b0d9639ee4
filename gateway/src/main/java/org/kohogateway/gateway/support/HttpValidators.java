package org.kohogateway.gateway.support;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a polled feed's last answer gave to check a copy by (RFC 9110 §8.8): its {@code ETag} and
 * {@code Last-Modified}, sent back as {@code If-None-Match} and {@code If-Modified-Since} so that an unchanged feed
 * answers 304 without a body. The press-release feed and the weather feed poll this way; each keeps them per URL.
 */
public record HttpValidators(@Nullable String etag, @Nullable String lastModified) {

    /** The validators an answer carries (either may be missing). */
    public static HttpValidators of(SafeFetch.Answer answer) {
        return new HttpValidators(answer.header("ETag"), answer.header("Last-Modified"));
    }

    /** Adds the conditional request headers for the validators there are. */
    public void addConditionsTo(Map<String, String> headers) {
        if (etag != null) {
            headers.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            headers.put("If-Modified-Since", lastModified);
        }
    }
}
