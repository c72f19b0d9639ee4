package org.kohogateway.gateway.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegUtils;

/**
 * Takes a JPEG's metadata out without decoding it, so its compressed pixels stay byte for byte as the camera wrote
 * them. Commons Imaging walks the segments; only those needed to show the picture as it was are written back: the
 * JFIF header (when it carries no thumbnail), the colour profile (APP2 {@code ICC_PROFILE}), Adobe's colour transform
 * (APP14), the tables, the frame and the scans. Everything else goes: EXIF and XMP (APP1), Photoshop's IPTC (APP13),
 * comments, every other APPn (MPF, maker blocks) and whatever follows the end-of-image marker (a phone's second
 * picture, with metadata of its own). It is a list of what stays rather than of what goes, so a kind of metadata
 * nobody here has heard of goes too; Commons Imaging's rewriters ({@code ExifRewriter}, {@code JpegXmpRewriter},
 * {@code JpegIptcRewriter}) each drop one named kind and would leave comments, other APPn and trailers behind.
 * <p>
 * The file is mapped rather than read into the heap, and the scans go from the mapping to the output file without a
 * copy: eight 10 MB uploads at once cost the heap nothing here.
 */
final class JpegMetadataStripper {

    private static final int SOS = 0xffda;
    private static final int EOI = 0xffd9;

    private JpegMetadataStripper() {
    }

    /**
     * Writes the JPEG at {@code in} without its metadata to {@code out}.
     *
     * @return false, writing nothing, when the file holds a segment this class does not know (a JPEG extension, bytes
     *         between segments): the caller then decodes and encodes it instead
     * @throws ImageCleaner.NotAnImage malformed, or cut off before its end-of-image marker
     */
    static boolean strip(Path in, Path out) throws IOException, ImageCleaner.NotAnImage {
        ByteBuffer jpeg;
        try (FileChannel file = FileChannel.open(in, StandardOpenOption.READ)) {
            jpeg = file.map(FileChannel.MapMode.READ_ONLY, 0, file.size());
        }
        Header header = new Header(jpeg);
        try {
            new JpegUtils().traverseJfif(ByteSource.file(in.toFile()), header);
        } catch (ImagingException e) {
            throw new ImageCleaner.NotAnImage("not a readable JPEG: " + e.getMessage());
        }
        if (header.unknown || header.scanAt < 0) {
            return false;
        }
        boolean whole;
        try (FileChannel to = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            write(to, ByteBuffer.wrap(header.kept.toByteArray()));
            whole = scans(jpeg, header.scanAt, to);
        }
        if (!whole) {
            Files.delete(out);
        }
        return whole;
    }

    private static void write(FileChannel to, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            to.write(bytes);
        }
    }

    /** Copies the scans from the first start-of-scan marker to the end-of-image marker, without APPn and comments. */
    private static boolean scans(ByteBuffer jpeg, int from, FileChannel to) throws IOException,
            ImageCleaner.NotAnImage {
        int at = from;
        while (true) {
            int marker = (jpeg.get(at) & 0xff) << 8 | (jpeg.get(at + 1) & 0xff);
            if (marker == EOI) {
                write(to, jpeg.slice(at, 2));
                return true;
            }
            int length = length(jpeg, at);
            boolean app = marker >= 0xffe0 && marker <= 0xffef || marker == 0xfffe;
            if (!app && !tableOrScan(marker)) {
                return false;
            }
            if (!app) {
                write(to, jpeg.slice(at, 2 + length));
            }
            at += 2 + length;
            int data = at;
            at = nextMarker(jpeg, at);
            write(to, jpeg.slice(data, at - data));
        }
    }

    /** The next marker after entropy-coded data, where 0xff is followed by a stuffed 0, a restart marker or fill. */
    private static int nextMarker(ByteBuffer jpeg, int from) throws ImageCleaner.NotAnImage {
        for (int at = from; at + 1 < jpeg.limit(); at++) {
            if ((jpeg.get(at) & 0xff) == 0xff) {
                int next = jpeg.get(at + 1) & 0xff;
                if (next != 0 && next != 0xff && (next < 0xd0 || next > 0xd7)) {
                    return at;
                }
            }
        }
        throw new ImageCleaner.NotAnImage("cut off before its end-of-image marker");
    }

    private static int length(ByteBuffer jpeg, int marker) throws ImageCleaner.NotAnImage {
        if (marker + 4 > jpeg.limit()) {
            throw new ImageCleaner.NotAnImage("cut off in a segment header");
        }
        int length = (jpeg.get(marker + 2) & 0xff) << 8 | (jpeg.get(marker + 3) & 0xff);
        if (length < 2 || marker + 2 + length > jpeg.limit()) {
            throw new ImageCleaner.NotAnImage("a segment runs past the end of the file");
        }
        return length;
    }

    /** DHT, DAC, DQT, DNL, DRI and SOS: what may come between and inside the scans. */
    private static boolean tableOrScan(int marker) {
        return marker == 0xffc4 || marker == 0xffcc || marker == 0xffdb || marker == 0xffdc || marker == 0xffdd
                || marker == SOS;
    }

    /** The start of a frame (SOF0–SOF15, which share their numbers with DHT, JPG and DAC). */
    private static boolean frame(int marker) {
        return marker >= 0xffc0 && marker <= 0xffcf && marker != 0xffc4 && marker != 0xffc8 && marker != 0xffcc;
    }

    private static boolean startsWith(byte[] data, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return data.length >= p.length && Arrays.equals(data, 0, p.length, p, 0, p.length);
    }

    /** Keeps the segments before the first scan that the picture needs, and notes where they stood in the file. */
    private static final class Header implements JpegUtils.Visitor {

        private final ByteBuffer jpeg;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private int at = 2;
        private int scanAt = -1;
        private boolean unknown;

        Header(ByteBuffer jpeg) {
            this.jpeg = jpeg;
            copy(0, 2);
        }

        private void copy(int from, int length) {
            byte[] segment = new byte[length];
            jpeg.get(from, segment);
            kept.writeBytes(segment);
        }

        @Override
        public boolean beginSos() {
            // the library found the marker where the segments said it would be: no stray bytes were skipped
            if (at + 1 < jpeg.limit() && (jpeg.get(at) & 0xff) == 0xff && (jpeg.get(at + 1) & 0xff) == 0xda) {
                scanAt = at;
            } else {
                unknown = true;
            }
            return false;
        }

        @Override
        public void visitSos(int marker, byte[] markerBytes, byte[] imageData) {
            // not reached: beginSos stops the walk, the scans are copied from the array in place
        }

        @Override
        public boolean visitSegment(int marker, byte[] markerBytes, int length, byte[] lengthBytes, byte[] data) {
            if (at + 1 >= jpeg.limit() || (jpeg.get(at) & 0xff) != 0xff
                    || (jpeg.get(at + 1) & 0xff) != (marker & 0xff)) {
                unknown = true;
                return false;
            }
            if (keeps(marker, data)) {
                copy(at, 2 + length);
            } else if (!(marker >= 0xffe0 && marker <= 0xffef || marker == 0xfffe)) {
                unknown = true;
                return false;
            }
            at += 2 + length;
            return true;
        }

        private static boolean keeps(int marker, byte[] data) {
            return switch (marker) {
                // JFIF without a thumbnail (its last two header bytes are the thumbnail's width and height)
                case 0xffe0 -> startsWith(data, "JFIF\0") && data.length >= 14 && (data[12] == 0 || data[13] == 0);
                case 0xffe2 -> startsWith(data, "ICC_PROFILE\0");
                case 0xffee -> startsWith(data, "Adobe");
                default -> frame(marker) || tableOrScan(marker) && marker != SOS;
            };
        }
    }
}
