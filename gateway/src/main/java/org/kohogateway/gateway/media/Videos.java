package org.kohogateway.gateway.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

/**
 * What the media store knows of a video: its type, read from its first bytes (never from what the client claims), and
 * the one placeholder picture every video shows on the pages in place of a preview. A video is kept as it came but for
 * where it was shot ({@link VideoLocations}): it is not decoded, so it is not measured.
 */
final class Videos {

    static final String MP4 = "video/mp4";
    static final String QUICKTIME = "video/quicktime";

    /** The ISO base media file's first box: 4 bytes of size, then {@code ftyp} and the major brand. */
    private static final byte[] FTYP = "ftyp".getBytes(StandardCharsets.US_ASCII);
    private static final String QUICKTIME_BRAND = "qt  ";

    private Videos() {
    }

    /**
     * {@code video/quicktime} for a file whose {@code ftyp} box names the QuickTime brand, {@code video/mp4} for any
     * other ISO base media file ({@code isom}, {@code mp41}, {@code mp42}, {@code avc1}, {@code M4V ...}), else null.
     * A QuickTime file from before {@code ftyp} (a {@code moov} or {@code mdat} first) is not recognised.
     */
    static @Nullable String sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        if (head.length < 12 || !Arrays.equals(head, 4, 8, FTYP, 0, 4)) {
            return null;
        }
        String brand = new String(head, 8, 4, StandardCharsets.US_ASCII);
        if (!brand.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return null;
        }
        return QUICKTIME_BRAND.equals(brand) ? QUICKTIME : MP4;
    }

    /** A dark 16:9 JPEG with a white play mark: what the pages show for every video. */
    static byte[] placeholder() {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x33, 0x33, 0x33));
            g.fillRect(0, 0, 320, 180);
            g.setColor(Color.WHITE);
            g.fillPolygon(new int[] { 140, 140, 190 }, new int[] { 65, 115, 90 }, 3);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
