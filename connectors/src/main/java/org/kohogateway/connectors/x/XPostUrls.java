package org.kohogateway.connectors.x;

import java.net.URI;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of an X post named by its address ({@code https://x.com/gotsu_city/status/1234}), which is how people
 * copy a post to answer or quote: X's API takes the numeric id.
 */
public final class XPostUrls {

    private static final Set<String> HOSTS = Set.of("x.com", "www.x.com", "twitter.com", "www.twitter.com",
            "mobile.twitter.com", "mobile.x.com");
    private static final Pattern STATUS_PATH = Pattern.compile("/[A-Za-z0-9_]{1,15}/status(?:es)?/(\\d{1,19})/?");

    private XPostUrls() {
    }

    /** @return the post id, or empty when {@code address} is not an https address of one X post */
    public static OptionalLong statusId(String address) {
        if (address == null) {
            return OptionalLong.empty();
        }
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (java.net.URISyntaxException e) {
            return OptionalLong.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null
                || !HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)) || uri.getRawPath() == null) {
            return OptionalLong.empty();
        }
        Matcher m = STATUS_PATH.matcher(uri.getRawPath());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
