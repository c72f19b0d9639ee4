package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a phone video was shot is removed before it is kept: the user data's {@code ©xyz} and {@code loci}, Apple's
 * {@code com.apple.quicktime.location.*} keys and XMP, each zeroed in place so that the file keeps its length and its
 * media data where the sample tables say.
 */
class VideoLocationsTest {

    private static final String PLACE = "+35.0113+132.2214/";
    private static final byte[] MEDIA = "the frames themselves, untouched".repeat(40).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aPhoneVideosPlaceIsZeroedEverywhereAndNothingElseMoves() throws IOException {
        byte[] video = phoneVideo();
        Path file = dir.resolve("clip.mov");
        Files.write(file, video);

        int removed = VideoLocations.remove(file);

        byte[] kept = Files.readAllBytes(file);
        assertThat(removed).as("©xyz, loci, the Apple key's item and XMP").isEqualTo(4);
        assertThat(kept).hasSameSizeAs(video);
        String text = new String(kept, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("+35.0113").doesNotContain("GPSLatitude").doesNotContain("\u00a9xyz")
                .doesNotContain("loci");
        assertThat(text).as("the camera's make is not a place").contains("Apple iPhone");
        int media = indexOf(video, MEDIA);
        assertThat(Arrays.copyOfRange(kept, media, media + MEDIA.length)).as("the media data where it was")
                .isEqualTo(MEDIA);
    }

    @Test
    void aVideoWithoutAPlaceIsLeftByteForByte() throws IOException {
        byte[] video = file(box("ftyp", "isom\0\0\2\0isomiso2".getBytes(StandardCharsets.ISO_8859_1)),
                box("moov", box("mvhd", new byte[100]), box("udta", box("\u00a9too", "Lavf".getBytes()))),
                box("mdat", MEDIA));
        Path file = dir.resolve("clip.mp4");
        Files.write(file, video);

        assertThat(VideoLocations.remove(file)).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(video);
    }

    @Test
    void boxesThatDoNotParseAreLeftAsTheyCame() throws IOException {
        byte[] broken = file(box("ftyp", "isom\0\0\2\0".getBytes(StandardCharsets.ISO_8859_1)),
                new byte[] { 0x7f, 0, 0, 0, 'm', 'o', 'o', 'v', 1, 2, 3 });
        Path file = dir.resolve("broken.mp4");
        Files.write(file, broken);

        assertThat(VideoLocations.remove(file)).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(broken);
    }

    /**
     * What an iPhone and an Android phone write, together: the place in the user data ({@code ©xyz}), in a track's
     * 3GPP {@code loci}, in Apple's metadata keys (an MP4 full-box {@code meta}) and in XMP; then the media data.
     */
    static byte[] phoneVideo() {
        byte[] keys = box("keys", concat(new byte[] { 0, 0, 0, 0, 0, 0, 0, 2 },
                key("com.apple.quicktime.location.ISO6709"), key("com.apple.quicktime.make")));
        byte[] ilst = box("ilst", item(1, PLACE), item(2, "Apple iPhone"));
        byte[] meta = box("meta", concat(new byte[4], box("hdlr", new byte[25]), keys, ilst));
        byte[] xmp = box("uuid", concat(HexFormat.of().parseHex("BE7ACFCB97A942E89C71999491E3AFAC"),
                "<x:xmpmeta><exif:GPSLatitude>35,0.678N</exif:GPSLatitude></x:xmpmeta>".getBytes()));
        byte[] trak = box("trak", box("tkhd", new byte[84]), box("udta", box("loci", ("\0\0\0\0" + PLACE).getBytes())));
        byte[] moov = box("moov", box("mvhd", new byte[100]), trak,
                box("udta", box("\u00a9xyz", concat(new byte[] { 0, 18, 0x15, (byte) 0xc7 }, PLACE.getBytes()))),
                meta);
        return file(box("ftyp", "qt  \0\0\0\0qt  ".getBytes(StandardCharsets.ISO_8859_1)), moov, xmp,
                box("mdat", MEDIA));
    }

    private static byte[] key(String name) {
        byte[] value = name.getBytes(StandardCharsets.UTF_8);
        return concat(ByteBuffer.allocate(4).putInt(8 + value.length).array(), "mdta".getBytes(), value);
    }

    private static byte[] item(int index, String value) {
        byte[] data = box("data", concat(new byte[] { 0, 0, 0, 1, 0, 0, 0, 0 }, value.getBytes(StandardCharsets.UTF_8)));
        return concat(ByteBuffer.allocate(8).putInt(8 + data.length).putInt(index).array(), data);
    }

    static byte[] box(String type, byte[]... content) {
        byte[] body = concat(content);
        return concat(ByteBuffer.allocate(4).putInt(8 + body.length).array(),
                type.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] file(byte[]... boxes) {
        return concat(boxes);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }


    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
