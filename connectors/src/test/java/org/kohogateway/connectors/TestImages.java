package org.kohogateway.connectors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data for {@link MediaItem}: small stand-in images whose bytes a test can recognise on the wire. */
public final class TestImages {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestImages() {
    }

    /** An image served at {@code publicUrl} (its preview beside it), with alt text and recognisable bytes. */
    public static MediaItem at(URI publicUrl) {
        int n = COUNTER.incrementAndGet();
        return image(publicUrl, "写真" + n + "：江の川の夕景", bytesOf(publicUrl));
    }

    /** An image with this alt text and these bytes. */
    public static MediaItem image(URI publicUrl, String altText, byte[] bytes) {
        return new MediaItem("0".repeat(64), "image/jpeg", bytes.length, 1080, 1350, altText, publicUrl,
                URI.create(publicUrl + "?preview"), () -> new ByteArrayInputStream(bytes));
    }

    /** An image whose bytes cannot be read: opening them fails with {@code failure}. */
    public static MediaItem unreadable(URI publicUrl, IOException failure) {
        return new MediaItem("0".repeat(64), "image/jpeg", 10, 1080, 1350, "代替テキスト", publicUrl,
                URI.create(publicUrl + "?preview"), () -> {
                    throw failure;
                });
    }

    /** The stand-in bytes of the image at {@code publicUrl}: a JPEG start marker and the address. */
    public static byte[] bytesOf(URI publicUrl) {
        byte[] name = ("JPEG:" + publicUrl).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[name.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        System.arraycopy(name, 0, bytes, 2, name.length);
        return bytes;
    }
}
