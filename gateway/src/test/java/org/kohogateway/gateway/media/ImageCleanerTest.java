package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.drew.metadata.Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import com.drew.metadata.xmp.XmpDirectory;

class ImageCleanerTest {

    @TempDir
    Path dir;

    private final ImageCleaner cleaner = new ImageCleaner(50_000_000, 1024, 2);

    @Test
    void aPhoneJpegLosesItsGpsPositionExifAndXmp() throws Exception {
        byte[] photo = TestImages.withPhoneMetadata(TestImages.jpeg(64, 48), 1);
        assertThat(TestImages.metadata(photo).getFirstDirectoryOfType(GpsDirectory.class)).as("the sample has GPS")
                .isNotNull();

        byte[] cleaned = clean(photo);

        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(XmpDirectory.class)).isNull();
        assertThat(TestImages.metadata(cleaned).getDirectories()).extracting(Directory::getName)
                .noneMatch(name -> name.startsWith("Exif"));
        assertThat(new String(cleaned, StandardCharsets.ISO_8859_1)).doesNotContain("KohoPhone")
                .doesNotContain("GPSLatitude");
    }

    @Test
    void anUprightJpegKeepsItsCompressedPixelsByteForByteSoNothingIsReencoded() throws Exception {
        byte[] photo = TestImages.withPhoneMetadata(TestImages.noisyJpeg(640, 480, 7), 1);

        byte[] cleaned = clean(photo);

        assertThat(fromFirstScan(cleaned)).isEqualTo(fromFirstScan(photo));
        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
    }

    @Test
    void aProgressiveJpegKeepsEveryScanAndItsTablesBetweenThem() throws Exception {
        byte[] photo = TestImages.withPhoneMetadata(TestImages.progressiveJpeg(TestImages.jpeg(320, 240)), 1);

        byte[] cleaned = clean(photo);

        assertThat(fromFirstScan(cleaned)).isEqualTo(fromFirstScan(photo));
        assertThat(TestImages.decode(cleaned).getWidth()).isEqualTo(320);
        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
    }

    @Test
    void iptcCommentsOtherAppSegmentsAndWhatFollowsTheEndOfTheImageAreGone() throws Exception {
        byte[] photo = TestImages.withIptc(TestImages.withPhoneMetadata(TestImages.jpeg(64, 48), 1));
        photo = TestImages.withSegment(photo, 0xfe, ascii("KohoComment"));
        photo = TestImages.withSegment(photo, 0xe2, ascii("MPF\0KohoMultiPicture"));
        photo = TestImages.withSegment(photo, 0xe3, ascii("KohoApp3"));
        // a phone's second picture (depth map, gain map) follows the first one's end, with metadata of its own
        byte[] trailer = TestImages.withPhoneMetadata(TestImages.jpeg(8, 8), 1);
        photo = concat(photo, trailer);
        assertThat(TestImages.metadata(photo).getFirstDirectoryOfType(IptcDirectory.class)).as("the sample has IPTC")
                .isNotNull();

        byte[] cleaned = clean(photo);

        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(IptcDirectory.class)).isNull();
        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(PhotoshopDirectory.class)).isNull();
        assertThat(new String(cleaned, StandardCharsets.ISO_8859_1)).doesNotContain("Koho").doesNotContain("Gotsu")
                .doesNotContain("MPF");
    }

    @Test
    void theColourProfileStays() throws Exception {
        byte[] photo = TestImages.withIccProfile(TestImages.withPhoneMetadata(TestImages.jpeg(64, 48), 1));
        assertThat(TestImages.metadata(photo).getFirstDirectoryOfType(IccDirectory.class)).as("the sample has one")
                .isNotNull();

        byte[] cleaned = clean(photo);

        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(IccDirectory.class)).isNotNull();
        assertThat(TestImages.metadata(cleaned).getFirstDirectoryOfType(GpsDirectory.class)).isNull();
    }

    @Test
    void aJpegCutOffInItsPixelsIsRefused() throws Exception {
        byte[] whole = TestImages.noisyJpeg(640, 480, 3);

        assertThatThrownBy(() -> clean(Arrays.copyOf(whole, whole.length * 2 / 3)))
                .isInstanceOf(ImageCleaner.NotAnImage.class);
    }

    @Test
    void aLargeJpegsPreviewHasTheLongestSideAndTheOrientationApplied() throws Exception {
        ImageCleaner.Cleaned upright = cleaner.clean(write(TestImages.jpeg(3000, 1500)), dir.resolve("out"),
                dir.resolve("preview"));
        BufferedImage preview = TestImages.decode(Files.readAllBytes(dir.resolve("preview")));
        assertThat(upright.width()).isEqualTo(3000);
        assertThat(preview.getWidth()).isEqualTo(1024);
        assertThat(preview.getHeight()).isEqualTo(512);

        ImageCleaner.Cleaned turned = cleaner.clean(write(TestImages.withPhoneMetadata(TestImages.jpeg(3000, 1500), 6)),
                dir.resolve("out"), dir.resolve("preview"));
        preview = TestImages.decode(Files.readAllBytes(dir.resolve("preview")));
        assertThat(turned.width()).isEqualTo(1500);
        assertThat(preview.getWidth()).isEqualTo(512);
        assertThat(preview.getHeight()).isEqualTo(1024);
        assertThat(reddish(preview.getRGB(256, 20))).as("top is red").isTrue();
    }

    @Test
    void theOrientationIsAppliedToThePixelsBeforeTheMetadataGoes() throws Exception {
        // orientation 6: the camera was turned a quarter clockwise, so the picture shows turned: red on top
        byte[] photo = TestImages.withPhoneMetadata(TestImages.jpeg(64, 48), 6);

        ImageCleaner.Cleaned result = cleaner.clean(write(photo), dir.resolve("out"), dir.resolve("preview"));

        assertThat(result.width()).isEqualTo(48);
        assertThat(result.height()).isEqualTo(64);
        BufferedImage image = TestImages.decode(Files.readAllBytes(dir.resolve("out")));
        assertThat(image.getWidth()).isEqualTo(48);
        assertThat(reddish(image.getRGB(24, 5))).as("top is red").isTrue();
        assertThat(reddish(image.getRGB(24, 58))).as("bottom is blue").isFalse();
    }

    @Test
    void aPngStaysAPngAndAPreviewIsAJpegWithinOneMegabyteAndTheLongestSide() throws Exception {
        ImageCleaner.Cleaned result = cleaner.clean(write(TestImages.png(2000, 1000)), dir.resolve("out"),
                dir.resolve("preview"));

        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(ImageCleaner.sniff(dir.resolve("out"))).isEqualTo("image/png");
        assertThat(ImageCleaner.sniff(dir.resolve("preview"))).isEqualTo("image/jpeg");
        assertThat(Files.size(dir.resolve("preview"))).isLessThanOrEqualTo(ImageCleaner.PREVIEW_MAX_BYTES);
        BufferedImage preview = TestImages.decode(Files.readAllBytes(dir.resolve("preview")));
        assertThat(preview.getWidth()).isEqualTo(1024);
        assertThat(preview.getHeight()).isEqualTo(512);
    }

    @Test
    void aPreviewTooLargeAtFirstIsEncodedAgainSmallerAndNothingOfTheFirstTryStays() throws Exception {
        // noise at 1,600 × 1,200 is over 1 MB at the first two qualities and under it at the last
        ImageCleaner large = new ImageCleaner(50_000_000, 1600, 1);
        Path preview = dir.resolve("preview");

        large.clean(write(TestImages.noisyJpeg(1600, 1200, 11, 0.95f)), dir.resolve("out"), preview);

        byte[] bytes = Files.readAllBytes(preview);
        assertThat(bytes.length).isLessThanOrEqualTo((int) ImageCleaner.PREVIEW_MAX_BYTES);
        assertThat(TestImages.decode(bytes).getWidth()).isEqualTo(1600);
    }

    @Test
    void theTypeIsToldByTheBytesNotTheName() throws Exception {
        Path gif = write("GIF89a not really".getBytes(StandardCharsets.US_ASCII));

        assertThat(ImageCleaner.sniff(gif)).isNull();
        assertThatThrownBy(() -> cleaner.clean(gif, dir.resolve("out"), dir.resolve("preview")))
                .isInstanceOf(ImageCleaner.NotAnImage.class);
    }

    @Test
    void aPictureClaimingMorePixelsThanAllowedIsNotDecoded() throws Exception {
        ImageCleaner small = new ImageCleaner(1000, 1024, 1);

        assertThatThrownBy(() -> small.clean(write(TestImages.jpeg(64, 48)), dir.resolve("out"),
                dir.resolve("preview"))).isInstanceOf(ImageCleaner.NotAnImage.class).hasMessageContaining("pixels");
    }

    @Test
    void everyOrientationEndsUprightWithTheSidesSwappedForTheQuarterTurns() {
        BufferedImage image = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Color.WHITE.getRGB());
        // where the top-left pixel of the stored image shows once the orientation is applied
        int[][] corner = { null, { 0, 0 }, { 3, 0 }, { 3, 1 }, { 0, 1 }, { 0, 0 }, { 1, 0 }, { 1, 3 }, { 0, 3 } };
        for (int orientation = 1; orientation <= 8; orientation++) {
            BufferedImage turned = ImageCleaner.oriented(image, orientation);
            assertThat(turned.getWidth()).as("width at %d", orientation).isEqualTo(orientation >= 5 ? 2 : 4);
            assertThat(turned.getRGB(corner[orientation][0], corner[orientation][1]) & 0xffffff)
                    .as("white corner at %d", orientation).isEqualTo(0xffffff);
        }
    }

    private byte[] clean(byte[] photo) throws Exception {
        cleaner.clean(write(photo), dir.resolve("out"), dir.resolve("preview"));
        return Files.readAllBytes(dir.resolve("out"));
    }

    /** From the first start-of-scan marker to the end: the compressed pixels, found by walking the segments. */
    private static byte[] fromFirstScan(byte[] jpeg) {
        int at = 2;
        while ((jpeg[at + 1] & 0xff) != 0xda) {
            at += 2 + ((jpeg[at + 2] & 0xff) << 8 | (jpeg[at + 3] & 0xff));
        }
        return Arrays.copyOfRange(jpeg, at, jpeg.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "in", ".bin"), bytes);
    }

    private static boolean reddish(int rgb) {
        return ((rgb >> 16) & 0xff) > 150 && (rgb & 0xff) < 100;
    }
}
