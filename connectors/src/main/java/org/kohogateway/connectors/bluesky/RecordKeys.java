package org.kohogateway.connectors.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record key of a delivery's post: the same for every attempt at that delivery, so that the account's repository,
 * which holds one record per key, can never hold two posts for one delivery.
 *
 * <p>{@code app.bsky.feed.post} and {@code app.bsky.feed.threadgate} take keys of type {@code tid}: 13 characters of
 * base32-sortable, a 64-bit number whose top bit is 0, then 53 bits of microseconds since 1970, then a 10-bit clock
 * identifier. A TID made from the clock would differ per attempt; this one is made from the SHA-256 of the delivery id:
 * 40 bits of it are microseconds after {@link #TIME_BASE} (a span of about 12.7 days in January 2023) and 10 bits the
 * clock identifier. Two deliveries of one account share a key with a chance of about one in 2^50 per pair. The time in
 * these keys says nothing about when the post was made (atproto asks nobody to trust it; the post's own
 * {@code createdAt} says that), and being in the past it can never be mistaken for a key from the future.
 */
final class RecordKeys {

    static final String POST = "app.bsky.feed.post";
    static final String THREADGATE = "app.bsky.feed.threadgate";

    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final long TIME_BASE = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2023-01-01T00:00:00Z"));
    private static final String TID = "[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}";
    /** An at-uri of a post: {@code at://<did>/app.bsky.feed.post/<tid>}. */
    private static final Pattern POST_URI = Pattern.compile("at://(did:[a-z]+:[A-Za-z0-9._:%-]{1,2000})/"
            + Pattern.quote(POST) + "/(" + TID + ")");

    private RecordKeys() {
    }

    /** The delivery's record key, a TID. */
    static String forDelivery(UUID deliveryKey) {
        byte[] hash = sha256("koho-gateway:bluesky:" + deliveryKey);
        long bits = ByteBuffer.wrap(hash).getLong();
        long micros = TIME_BASE + (bits >>> 24);
        long clockId = bits & 0x3FF;
        long tid = (micros << 10) | clockId;
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (tid & 31));
            tid >>>= 5;
        }
        return new String(out);
    }

    static boolean isTid(String key) {
        return key.matches(TID);
    }

    static String postUri(String did, String rkey) {
        return "at://" + did + "/" + POST + "/" + rkey;
    }

    /** The repository's DID and the record key of a post's at-uri, when it is one. */
    static Optional<PostAddress> parse(String uri) {
        Matcher m = POST_URI.matcher(uri);
        return m.matches() ? Optional.of(new PostAddress(m.group(1), m.group(2))) : Optional.empty();
    }

    record PostAddress(String did, String rkey) {
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
