package org.kohogateway.connectors.bluesky;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.kohogateway.connectors.Links;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records of one post as the lexicons define them: {@code app.bsky.feed.post} (text, link facets, an
 * {@code app.bsky.embed.images} or {@code app.bsky.embed.external} embed) and, for the no-reply policy, an
 * {@code app.bsky.feed.threadgate} whose empty {@code allow} list lets nobody reply.
 *
 * <p>Bluesky shows a link as a link only where a facet says so: each address the one link parser ({@link Links}) finds
 * gets an {@code app.bsky.richtext.facet#link}, its span counted in bytes of the text's UTF-8 encoding (not in Java's
 * UTF-16 units: {@code 江} is three bytes and one unit).
 */
final class PostRecord {

    /** atproto datetimes: RFC 3339 and ISO 8601 at once, in UTC with milliseconds. */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private PostRecord() {
    }

    /** One image of an {@code app.bsky.embed.images} embed: the blob {@code uploadBlob} answered, and its alt text. */
    record Image(JsonNode blob, String alt, int width, int height) {
    }

    static ObjectNode post(String text, List<Image> images, List<URI> links, Instant createdAt) {
        ObjectNode post = Xrpc.json().createObjectNode().put("$type", RecordKeys.POST).put("text", text);
        ArrayNode facets = linkFacets(text);
        if (!facets.isEmpty()) {
            post.set("facets", facets);
        }
        if (!images.isEmpty()) {
            post.set("embed", imagesEmbed(images));
        } else {
            firstLink(text, links).ifPresent(link -> post.set("embed", linkCard(link)));
        }
        return post.put("createdAt", DATETIME.format(createdAt));
    }

    /** No one may reply: a threadgate with an empty {@code allow} list, under the post's own record key. */
    static ObjectNode noReplies(String postUri, Instant createdAt) {
        ObjectNode gate = Xrpc.json().createObjectNode().put("$type", RecordKeys.THREADGATE).put("post", postUri);
        gate.putArray("allow");
        return gate.put("createdAt", DATETIME.format(createdAt));
    }

    /** The link facets of a text: byte offsets in UTF-8, and the address as a full URI. */
    static ArrayNode linkFacets(String text) {
        ArrayNode facets = Xrpc.json().createArrayNode();
        for (Links.Link link : Links.in(text)) {
            if (link.host().isEmpty()) {
                continue;
            }
            ObjectNode facet = facets.addObject();
            facet.putObject("index")
                    .put("byteStart", utf8Length(text.substring(0, link.start())))
                    .put("byteEnd", utf8Length(text.substring(0, link.end())));
            facet.putArray("features").addObject()
                    .put("$type", "app.bsky.richtext.facet#link")
                    .put("uri", absolute(link.text()));
        }
        return facets;
    }

    private static ObjectNode imagesEmbed(List<Image> images) {
        ObjectNode embed = Xrpc.json().createObjectNode().put("$type", "app.bsky.embed.images");
        ArrayNode list = embed.putArray("images");
        for (Image image : images) {
            ObjectNode item = list.addObject();
            item.set("image", image.blob());
            item.put("alt", image.alt());
            if (image.width() > 0 && image.height() > 0) {
                item.putObject("aspectRatio").put("width", image.width()).put("height", image.height());
            }
        }
        return embed;
    }

    /**
     * A link card for the post's first link. The gateway fetches no page to fill it (a fetch per post would be an
     * outbound request on the platform's schedule, not the city's), so the card shows the address: the lexicon requires
     * a title and a description, and Bluesky's app shows the title above the address.
     */
    private static ObjectNode linkCard(String link) {
        ObjectNode embed = Xrpc.json().createObjectNode().put("$type", "app.bsky.embed.external");
        embed.putObject("external").put("uri", link).put("title", Links.hostOf(link)).put("description", "");
        return embed;
    }

    private static Optional<String> firstLink(String text, List<URI> links) {
        if (!links.isEmpty()) {
            return Optional.of(links.get(0).toString());
        }
        return Links.in(text).stream().filter(l -> !l.host().isEmpty()).map(l -> absolute(l.text())).findFirst();
    }

    private static String absolute(String address) {
        return address.matches("(?i)https?://.*") ? address : "https://" + address;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
