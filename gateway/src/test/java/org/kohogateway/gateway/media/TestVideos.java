package org.kohogateway.gateway.media;

import java.nio.charset.StandardCharsets;

/** Videos for tests: what the media store sniffs as MP4, and nothing a player would need. */
public final class TestVideos {

    private static final byte[] FTYP = "\u0000\u0000\u0000\u0018ftypisom\u0000\u0000\u0002\u0000isomiso2"
            .getBytes(StandardCharsets.ISO_8859_1);

    private TestVideos() {
    }

    /** An MP4's {@code ftyp} box, then bytes of the caller's own, so that no other test's video shares its SHA-256. */
    public static byte[] mp4(String unique) {
        byte[] body = ("video " + unique + " ").repeat(2000).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[FTYP.length + body.length];
        System.arraycopy(FTYP, 0, bytes, 0, FTYP.length);
        System.arraycopy(body, 0, bytes, FTYP.length, body.length);
        return bytes;
    }
}
