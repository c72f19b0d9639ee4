package org.kohogateway.gateway.post;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.SafeFetch;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Fetches the cited source of a PR direct publish (docs/guideline.md §6-①, its exception): through {@link SafeFetch},
 * so https, no private address, no redirect to another host (the official domain was checked when the source was given)
 * and a bounded size; it must answer 200. Its title and the SHA-256 of its body are what the post records.
 */
@Component
class SourcePages {

    static final int MAX_TITLE = 500;
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

    private final SafeFetch fetch;
    private final Clock clock;

    SourcePages(SafeFetch fetch, Clock clock) {
        this.fetch = fetch;
        this.clock = clock;
    }

    /**
     * @throws InvalidRequestException {@code post.sourceUnavailable} when the page cannot be had as published, or
     *                                 {@code outbound.unsafeUrl} when its address is refused
     */
    SourcePage fetch(URI source) {
        SafeFetch.Answer answer;
        try {
            answer = fetch.fetch(SafeFetch.Request.get(source,
                    Map.of("Accept", "text/html, */*;q=0.5", "User-Agent", "koho-gateway source check")));
        } catch (IOException e) {
            throw unavailable(source, "unreachable (" + e.getMessage() + ")");
        }
        if (answer.status() != 200) {
            // a redirect to another host comes back as its 3xx: the page is not where the post says it is
            throw unavailable(source, "HTTP " + answer.status());
        }
        if (answer.truncated()) {
            throw unavailable(source, "larger than " + answer.body().length + " bytes");
        }
        return new SourcePage(title(answer), sha256(answer.body()), clock.instant());
    }

    private static String title(SafeFetch.Answer answer) {
        Matcher m = TITLE.matcher(new String(answer.body(), charset(answer.header("Content-Type"))));
        if (!m.find()) {
            return "";
        }
        String title = HtmlUtils.htmlUnescape(m.group(1)).strip().replaceAll("\\s+", " ");
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    }

    /** City pages are not all UTF-8 (Shift_JIS survives): the declared charset, UTF-8 when none or unknown. */
    private static Charset charset(@Nullable String contentType) {
        Matcher m = CHARSET.matcher(contentType == null ? "" : contentType);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static InvalidRequestException unavailable(URI source, String why) {
        return new InvalidRequestException("post.sourceUnavailable",
                "the source " + source + " could not be checked: " + why, source.toString(), why);
    }
}
