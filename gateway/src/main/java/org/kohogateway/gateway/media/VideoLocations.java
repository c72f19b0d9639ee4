package org.kohogateway.gateway.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Removes where a video was shot from an MP4 or QuickTime file, in place, before it is kept: phones write the place
 * into the movie's user data ({@code ©xyz}, 3GPP {@code loci}), into Apple's metadata keys
 * ({@code com.apple.quicktime.location.*}) and into XMP, and a city must not publish where a member of staff stood
 * (guideline §3-③, §8-⑤), as the image cleaner already ensures for photos.
 *
 * <p>Each such box becomes a {@code free} box of the same size with its content zeroed, so that no byte moves: the
 * sample tables' offsets ({@code stco}, {@code co64}) still point at the same media data and the video plays as before,
 * and nothing is decoded. Only box headers are read (a few bytes at a time), never the media data. A structure that
 * does not parse (a box running past its parent) ends the walk of that level and leaves it as it came.
 *
 * <p>Why no library: metadata-extractor reads these boxes but writes nothing, and the Java MP4 muxers rewrite the whole
 * file (moving the media data and its offsets) where renaming a few boxes in place is enough.
 */
final class VideoLocations {

    /** Boxes whose children are boxes and may hold user data or metadata. */
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "udta");
    /** Boxes that are a location and nothing else. */
    private static final Set<String> LOCATIONS = Set.of("\u00a9xyz", "loci");
    /** Apple's metadata keys of the place: ISO 6709 coordinates, its name, body, note, accuracy. */
    private static final String APPLE_LOCATION_KEYS = "com.apple.quicktime.location";
    /** The {@code uuid} box type of XMP in ISO base media files (XMP part 3). */
    private static final byte[] XMP_UUID = HexFormat.of().parseHex("BE7ACFCB97A942E89C71999491E3AFAC");

    private VideoLocations() {
    }

    /** Zeroes every location box of the file in place; how many it removed. */
    static int remove(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return walk(channel, 0, channel.size());
        }
    }

    private static int walk(FileChannel channel, long start, long end) throws IOException {
        int removed = 0;
        for (Box box : boxes(channel, start, end)) {
            if (LOCATIONS.contains(box.type()) || box.type().equals("XMP_")
                    || box.type().equals("uuid") && box.userTypeIs(channel, XMP_UUID)) {
                erase(channel, box);
                removed++;
            } else if (CONTAINERS.contains(box.type())) {
                removed += walk(channel, box.contentStart(), box.end());
            } else if (box.type().equals("meta")) {
                removed += meta(channel, box);
            }
        }
        return removed;
    }

    /**
     * A metadata box: an ISO full box (four bytes of version and flags before its children) in MP4, a plain container
     * in QuickTime; told apart by where its handler box is. Its {@code ilst} items are named by their index into its
     * {@code keys}, or by a four-character code.
     */
    private static int meta(FileChannel channel, Box meta) throws IOException {
        long children = "hdlr".equals(fourCc(channel, meta.contentStart() + 4)) ? meta.contentStart()
                : meta.contentStart() + 4;
        List<Box> boxes = boxes(channel, children, meta.end());
        List<String> keys = new ArrayList<>();
        for (Box box : boxes) {
            if (box.type().equals("keys")) {
                keys = keys(channel, box);
            }
        }
        int removed = 0;
        for (Box box : boxes) {
            if (box.type().equals("ilst")) {
                for (Box item : boxes(channel, box.contentStart(), box.end())) {
                    int index = item.index(channel);
                    boolean located = LOCATIONS.contains(item.type()) || index >= 1 && index <= keys.size()
                            && keys.get(index - 1).startsWith(APPLE_LOCATION_KEYS);
                    if (located) {
                        erase(channel, item);
                        removed++;
                    }
                }
            } else if (box.type().equals("uuid") && box.userTypeIs(channel, XMP_UUID) || box.type().equals("XMP_")) {
                erase(channel, box);
                removed++;
            }
        }
        return removed;
    }

    /** The key names of a {@code keys} box, in order (an item's index counts from 1). */
    private static List<String> keys(FileChannel channel, Box box) throws IOException {
        List<String> names = new ArrayList<>();
        long at = box.contentStart() + 8; // version and flags, then the entry count
        while (at + 8 <= box.end()) {
            ByteBuffer head = read(channel, at, 4);
            long size = Integer.toUnsignedLong(head.getInt(0));
            if (size < 8 || at + size > box.end()) {
                break;
            }
            names.add(new String(read(channel, at + 8, (int) Math.min(size - 8, 256)).array(), StandardCharsets.UTF_8));
            at += size;
        }
        return names;
    }

    /** The box becomes {@code free}, its content zeros: the same size, so nothing after it moves. */
    private static void erase(FileChannel channel, Box box) throws IOException {
        channel.write(ByteBuffer.wrap("free".getBytes(StandardCharsets.US_ASCII)), box.start() + 4);
        ByteBuffer zeros = ByteBuffer.allocate(8192);
        for (long at = box.contentStart(); at < box.end(); at += zeros.capacity()) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), box.end() - at));
            channel.write(zeros, at);
        }
    }

    /** The boxes between two offsets; stops at the first whose size does not fit. */
    private static List<Box> boxes(FileChannel channel, long start, long end) throws IOException {
        List<Box> boxes = new ArrayList<>();
        long at = start;
        while (at + 8 <= end) {
            ByteBuffer head = read(channel, at, (int) Math.min(16, end - at));
            long size = Integer.toUnsignedLong(head.getInt(0));
            int header = 8;
            if (size == 1 && head.limit() >= 16) {
                size = head.getLong(8);
                header = 16;
            } else if (size == 0) {
                size = end - at;
            }
            if (size < header || at + size > end) {
                break;
            }
            boxes.add(new Box(at, header, at + size,
                    new String(head.array(), 4, 4, StandardCharsets.ISO_8859_1)));
            at += size;
        }
        return boxes;
    }

    private static String fourCc(FileChannel channel, long at) throws IOException {
        return new String(read(channel, at, 4).array(), StandardCharsets.ISO_8859_1);
    }

    private static ByteBuffer read(FileChannel channel, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        int read;
        do {
            read = channel.read(buffer, at + buffer.position());
        } while (read > 0 && buffer.hasRemaining());
        return buffer.flip();
    }


    /** One box: where it starts, how long its header is, where it ends, its four-character type. */
    private record Box(long start, int header, long end, String type) {

        long contentStart() {
            return start + header;
        }

        /** The type read as a number: an {@code ilst} item of a {@code keys} list is named by its key's index. */
        int index(FileChannel channel) throws IOException {
            return read(channel, start + 4, 4).getInt(0);
        }

        boolean userTypeIs(FileChannel channel, byte[] userType) throws IOException {
            return end - contentStart() >= 16
                    && java.util.Arrays.equals(read(channel, contentStart(), 16).array(), userType);
        }
    }
}
