package org.kohogateway.gateway.media;

import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Semaphore;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;

import net.coobird.thumbnailator.Thumbnails;

import org.jspecify.annotations.Nullable;

/**
 * Makes an upload safe to publish: nothing the phone recorded (EXIF with the GPS position, XMP, IPTC, comments, PNG
 * text) travels with it, it shows the right way up, and a JPEG preview no larger than {@link #PREVIEW_MAX_BYTES} goes
 * with it. The type is told by the file's first bytes, never by what the client claimed, and the pixel bound by its
 * header before anything is decoded.
 * <p>
 * The common case, a JPEG already upright, keeps its compressed pixels as they are and loses only its metadata
 * ({@link JpegMetadataStripper}); its preview is decoded at a fraction of the size (source subsampling). A JPEG that
 * EXIF says to turn, or a PNG (whose re-encoding loses nothing), is decoded, turned and encoded again without any
 * metadata. The EXIF orientation is applied to the pixels rather than kept as a lone tag because the gateway cannot
 * count on every platform's renderer honouring it. Decoding a photo takes tens of megabytes, so at most
 * {@code concurrentDecodes} decodes run at once and the rest wait: eight uploads together stay within a modest heap.
 */
class ImageCleaner {

    static final String JPEG = "image/jpeg";
    static final String PNG = "image/png";
    static final long PREVIEW_MAX_BYTES = 1024 * 1024;
    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final float QUALITY = 0.92f;

    /** What came out: its type and size in pixels, orientation applied. */
    record Cleaned(String contentType, int width, int height) {
    }

    /** The file is not an image the gateway takes. */
    static final class NotAnImage extends Exception {
        NotAnImage(String message) {
            super(message);
        }
    }

    private final long maxPixels;
    private final int previewMaxSide;
    private final Semaphore decodes;

    ImageCleaner(long maxPixels, int previewMaxSide, int concurrentDecodes) {
        this.maxPixels = maxPixels;
        this.previewMaxSide = previewMaxSide;
        this.decodes = new Semaphore(concurrentDecodes, true);
    }

    /** The type the first bytes say, or null when they are neither JPEG nor PNG. */
    static @Nullable String sniff(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (Arrays.equals(head, PNG_SIGNATURE)) {
            return PNG;
        }
        return null;
    }

    Cleaned clean(Path in, Path out, Path preview) throws IOException, NotAnImage, InterruptedException {
        String type = sniff(in);
        if (type == null) {
            throw new NotAnImage("neither JPEG nor PNG");
        }
        int[] size = read(in, reader -> new int[] { reader.getWidth(0), reader.getHeight(0) });
        long pixels = (long) size[0] * size[1];
        if (pixels > maxPixels) {
            throw new NotAnImage("%d pixels, more than %d".formatted(pixels, maxPixels));
        }
        int orientation = orientation(in);
        if (JPEG.equals(type) && orientation == 1 && JpegMetadataStripper.strip(in, out)) {
            decodes.acquire();
            try {
                writePreview(subsampled(in), preview);
            } finally {
                decodes.release();
            }
            return new Cleaned(type, size[0], size[1]);
        }
        decodes.acquire();
        try {
            BufferedImage image = oriented(read(in, reader -> reader.read(0)), orientation);
            encode(image, type, QUALITY, out);
            writePreview(image, preview);
            return new Cleaned(type, image.getWidth(), image.getHeight());
        } finally {
            decodes.release();
        }
    }

    /** Decodes one in {@code step} pixels each way, {@code step} chosen so the longer side keeps the preview's size. */
    private BufferedImage subsampled(Path in) throws IOException, NotAnImage {
        return read(in, reader -> {
            int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / previewMaxSide);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        });
    }

    /** What is read from an image through its decoder. */
    private interface Reading<T> {
        T from(ImageReader reader) throws IOException;
    }

    private static <T> T read(Path in, Reading<T> reading) throws IOException, NotAnImage {
        try (ImageInputStream stream = ImageIO.createImageInputStream(in.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new NotAnImage("no decoder recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                return reading.from(reader);
            } catch (IOException | RuntimeException e) {
                // a truncated or malformed file: the person can send it again, nothing on our side failed
                throw new NotAnImage("cannot be decoded: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    /** EXIF orientation 1–8 (1 when there is none or it cannot be read: the picture is then taken as it is). */
    private static int orientation(Path in) {
        try {
            ExifIFD0Directory exif = ImageMetadataReader.readMetadata(in.toFile())
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (ImageProcessingException | MetadataException | IOException e) {
            return 1;
        }
        return 1;
    }

    /** Applies EXIF orientation (TIFF 6.0 tag 274): 2 mirrors, 3 turns half round, 6 and 8 quarter turns, 5 and 7 both. */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        // where pixel (x, y) goes: x' = m00 x + m01 y + m02, y' = m10 x + m11 y + m12 (one pixel less is implied)
        AffineTransform t = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> throw new IllegalArgumentException("orientation " + orientation);
        };
        boolean turned = orientation >= 5;
        BufferedImage target = new BufferedImage(turned ? h : w, turned ? w : h, rgbType(image));
        Graphics2D g = target.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static int rgbType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }

    /**
     * Encodes with no metadata at all: the writer gets the pixels only. The file is emptied first (ImageIO's file
     * stream writes over what is there without cutting it short), so a second, smaller try leaves no tail.
     */
    private static void encode(BufferedImage image, String type, float quality, Path out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType(type).next();
        try (RandomAccessFile file = new RandomAccessFile(out.toFile(), "rw");
                ImageOutputStream stream = new FileImageOutputStream(file)) {
            file.setLength(0);
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (JPEG.equals(type)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(JPEG.equals(type) ? opaque(image) : image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** JPEG has no transparency: a PNG's transparent parts become white rather than black. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Scales once to the preview's size (keeping an opaque picture opaque: no alpha channel to add and take off
     * again) and encodes it as JPEG, lowering the quality until it fits under {@link #PREVIEW_MAX_BYTES}.
     */
    private void writePreview(BufferedImage image, Path preview) throws IOException {
        boolean alpha = image.getColorModel().hasAlpha();
        BufferedImage small = Math.max(image.getWidth(), image.getHeight()) <= previewMaxSide ? image
                : Thumbnails.of(image).size(previewMaxSide, previewMaxSide)
                        .imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
                        .asBufferedImage();
        for (float quality : new float[] { 0.85f, 0.7f, 0.5f }) {
            encode(small, JPEG, quality, preview);
            if (Files.size(preview) <= PREVIEW_MAX_BYTES) {
                return;
            }
        }
        throw new IOException("preview still over " + PREVIEW_MAX_BYTES + " bytes at the lowest quality");
    }
}
