package org.kohogateway.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.support.SafeFetch;
import org.kohogateway.gateway.support.UnacceptableContentException;
import org.kohogateway.gateway.support.UnacceptableContentException.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The images staff bring for their posts: an upload or a pasted https address (fetched once, SSRF-safe) becomes a
 * cleaned image kept by its SHA-256, with a preview. A video (MP4 or QuickTime, known by its first bytes) is kept by
 * its SHA-256 as it came, with a placeholder for its preview. Whoever may write posts (POSTER, PR_OFFICER) may bring images;
 * on the pages they show to their uploader and to those who may read a post carrying them (the post module's
 * {@code PostImages}). The upload is spooled
 * to a temporary file, so no request holds a whole image in memory apart from the bounded decode.
 *
 * <p>Longer than most classes: taking bytes in (upload, fetch, image or video) and letting them go (holding and
 * removing them for a disposal) share one locking rule, which is easier to check when it is all in one place.
 */
@Service
public class MediaLibrary {

    private static final String COLUMNS = """
            id, sha256, content_type, bytes, width, height, preview_sha256, preview_bytes, alt_text, source_url,
            uploaded_by, uploaded_at""";

    /** The advisory locks' first key: image bytes (see {@link #lock}). */
    private static final int BYTES_LOCKS = 0x6d656469; // "medi"

    private final MediaStore store;
    private final ImageCleaner cleaner;
    private final StaffDirectory staff;
    private final SafeFetch fetch;
    private final MediaProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate keeping;
    /** The picture every video shows on the pages, kept once like any preview. */
    private final Path placeholder;
    private final String placeholderSha;

    MediaLibrary(MediaStore store, StaffDirectory staff, SafeFetch fetch, MediaProperties properties, JdbcClient jdbc,
            Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.cleaner = new ImageCleaner(properties.maxPixels(), properties.previewMaxSide(),
                properties.concurrentDecodes());
        this.staff = staff;
        this.fetch = fetch;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.keeping = new TransactionTemplate(transactions);
        try {
            this.placeholder = temporary();
            Files.write(placeholder, Videos.placeholder());
            placeholder.toFile().deleteOnExit();
            this.placeholderSha = sha256(placeholder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Cleans and keeps an uploaded image, or keeps an uploaded video.
     *
     * @throws UnacceptableContentException larger than {@code gateway.media.max-upload-size} (a video:
     *                                      {@code max-video-size}), or not a JPEG, PNG, MP4 or QuickTime file
     * @throws InvalidRequestException      {@code media.undecodable}: it looks like one but cannot be read
     */
    public Media upload(String username, InputStream content, @Nullable String altText) {
        Staff uploader = requireComposer(username);
        Path raw = temporary();
        try {
            try (OutputStream out = Files.newOutputStream(raw)) {
                // a video may be larger than an image: which it is, its first bytes say once it is spooled
                long max = properties.maxAnyUpload();
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                int read;
                while ((read = content.read(buffer)) > 0) {
                    total += read;
                    if (total > max) {
                        throw Videos.sniff(raw) != null ? videoTooLarge() : tooLarge();
                    }
                    out.write(buffer, 0, read);
                }
            }
            return keepAny(uploader, raw, altText, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(raw);
        }
    }

    /**
     * Fetches a pasted image address once and keeps it as if it had been uploaded: https only, never a private or
     * loopback address, bounded in size and time.
     *
     * @throws InvalidRequestException {@code outbound.unsafeUrl} or {@code media.fetchFailed}
     */
    public Media fetch(String username, URI url, @Nullable String altText) {
        Staff uploader = requireComposer(username);
        long max = properties.maxUploadSize().toBytes();
        SafeFetch.Answer answer;
        try {
            answer = fetch.fetch(new SafeFetch.Request("GET", url, Map.of("Accept", "image/jpeg, image/png"), null,
                    null, true, (int) Math.min(Integer.MAX_VALUE - 1, max), properties.fetchTimeout()));
        } catch (IOException e) {
            throw new InvalidRequestException("media.fetchFailed", "could not fetch the image at {0}: {1}", url,
                    e.getMessage());
        }
        if (answer.status() != 200) {
            throw new InvalidRequestException("media.fetchFailed", "could not fetch the image at {0}: {1}", url,
                    "HTTP " + answer.status());
        }
        if (answer.truncated()) {
            throw tooLarge();
        }
        Path raw = temporary();
        try {
            Files.write(raw, answer.body());
            return keepAny(uploader, raw, altText, url.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(raw);
        }
    }

    public Media get(long id) {
        return jdbc.sql("select " + COLUMNS + " from media where id = :id").param("id", id).query(this::media)
                .optional()
                .orElseThrow(() -> new NotFoundException("media.notFound", "no image {0}", id));
    }

    /** Which of these uploads are videos (an unknown id is none), so that a form names them as videos. */
    public Set<Long> videosAmong(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("select id from media where id = any(:ids) and content_type like 'video/%'")
                .param("ids", ids.toArray(Long[]::new)).query(Long.class).set();
    }

    /** The images in the order asked; an unknown id is refused. */
    public List<Media> get(List<Long> ids) {
        List<Media> found = new ArrayList<>(ids.size());
        ids.forEach(id -> found.add(get(id)));
        return found;
    }

    /** Every upload of these bytes (the same picture brought twice is two uploads of one SHA-256). */
    public List<Media> uploadsOf(String sha256) {
        return jdbc.sql("select " + COLUMNS + " from media where sha256 = :sha order by id").param("sha", sha256)
                .query(this::media).list();
    }

    /**
     * Holds these images' bytes, and their previews', until the caller's transaction ends: an upload of the same
     * picture waits for it, then stores its bytes again if the caller removed them. A disposal holds them before it
     * checks that nothing uses them, so no upload lands between its check and its removal. Locks in the order of their
     * keys, as uploads do, so two holders never wait for each other.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdBytes(Collection<String> sha256s) {
        if (sha256s.isEmpty()) {
            return;
        }
        Set<String> held = new HashSet<>(sha256s);
        held.addAll(jdbc.sql("select distinct preview_sha256 from media where sha256 in (:shas)")
                .param("shas", sha256s).query(String.class).list());
        lock(held);
    }

    /** Whether the bytes under this SHA-256 are still kept (a record's disposal removes them). */
    public boolean stored(String sha256) {
        return store.contains(sha256);
    }

    /**
     * Removes the bytes of an image and of its previews, keeping the upload rows (hash, size, alt text) as the record
     * of what was there; the caller decided that nothing still in use carries them. A preview another image's upload
     * also has stays.
     *
     * @return the SHA-256 of every byte sequence removed: the image's, then its previews'
     */
    public List<String> removeBytes(String sha256) {
        List<String> removed = new ArrayList<>();
        removed.add(sha256);
        removed.addAll(jdbc.sql("""
                select distinct preview_sha256 from media m
                where m.sha256 = :sha
                  and not exists (select 1 from media o where o.preview_sha256 = m.preview_sha256 and o.sha256 <> :sha)
                  and not exists (select 1 from media o where o.sha256 = m.preview_sha256)
                """).param("sha", sha256).query(String.class).list());
        removed.forEach(store::delete);
        return removed;
    }

    /** The stored bytes of one variant; the caller closes the stream. */
    public InputStream open(Media media, Media.Variant variant) throws IOException {
        return store.open(variant == Media.Variant.ORIGINAL ? media.sha256() : media.previewSha256());
    }

    private Staff requireComposer(String username) {
        Staff uploader = staff.byUsername(username);
        if (!uploader.hasAny(Role.POSTER, Role.PR_OFFICER)) {
            throw new NotPermittedException("media.notPoster", "bringing images needs the POSTER or PR_OFFICER role");
        }
        return uploader;
    }

    /** A video as it came, an image cleaned: the type is what the bytes say, never what the client claimed. */
    private Media keepAny(Staff uploader, Path raw, @Nullable String altText, @Nullable String sourceUrl)
            throws IOException {
        String video = Videos.sniff(raw);
        long size = Files.size(raw);
        if (video != null) {
            if (size > properties.maxVideoSize().toBytes()) {
                throw videoTooLarge();
            }
            return keepVideo(uploader, raw, video, altText, sourceUrl);
        }
        if (size > properties.maxUploadSize().toBytes()) {
            throw tooLarge();
        }
        return keep(uploader, raw, altText, sourceUrl);
    }

    /**
     * Keeps a video's bytes streamed into the store under their SHA-256, like an image's, but not through the image
     * cleaner: its location boxes are zeroed in place ({@link VideoLocations}), and it is not decoded, so it has no
     * size in pixels (0 × 0) and the placeholder stands for its preview. The
     * placeholder is every video's preview, so its lock makes video uploads store one after another: a disposal of the
     * last video must not remove it under an upload that is about to list it.
     */
    private Media keepVideo(Staff uploader, Path raw, String contentType, @Nullable String altText,
            @Nullable String sourceUrl) throws IOException {
        // where it was shot goes before its hash is taken: the approval binds the bytes without the place
        VideoLocations.remove(raw);
        return keepLocked(uploader, new Kept(sha256(raw), raw, contentType, 0, 0), placeholderSha, placeholder,
                altText, sourceUrl);
    }

    private Media keep(Staff uploader, Path raw, @Nullable String altText, @Nullable String sourceUrl) throws IOException {
        Path cleaned = temporary();
        Path preview = temporary();
        try {
            ImageCleaner.Cleaned result;
            try {
                result = cleaner.clean(raw, cleaned, preview);
            } catch (ImageCleaner.NotAnImage e) {
                if (ImageCleaner.sniff(raw) == null) {
                    throw new UnacceptableContentException(Reason.UNSUPPORTED_TYPE, "media.unsupportedType",
                            "only JPEG and PNG images are taken");
                }
                throw new InvalidRequestException("media.undecodable", "the image cannot be read: {0}",
                        e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting to decode", e);
            }
            String sha = sha256(cleaned);
            String previewSha = sha256(preview);
            return keepLocked(uploader, new Kept(sha, cleaned, result.contentType(), result.width(), result.height()),
                    previewSha, preview, altText, sourceUrl);
        } finally {
            delete(cleaned);
            delete(preview);
        }
    }

    /** Bytes about to be kept, as the media row lists them. */
    private record Kept(String sha256, Path file, String contentType, int width, int height) {
    }

    /**
     * Stores the bytes and their preview and lists them in one transaction, holding the bytes as a disposal does
     * ({@link #holdBytes}): an upload landing while a disposal removes them waits for it, then finds them gone and
     * stores them again.
     */
    private Media keepLocked(Staff uploader, Kept kept, String previewSha, Path preview, @Nullable String altText,
            @Nullable String sourceUrl) throws IOException {
        long bytes = Files.size(kept.file());
        long previewBytes = Files.size(preview);
        try {
            Long id = keeping.execute(status -> {
                lock(List.of(kept.sha256(), previewSha));
                try {
                    store.put(kept.sha256(), kept.file());
                    store.put(previewSha, preview);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return jdbc.sql("""
                        insert into media (sha256, content_type, bytes, width, height, preview_sha256, preview_bytes,
                            alt_text, source_url, uploaded_by, uploaded_at)
                        values (:sha, :type, :bytes, :width, :height, :previewSha, :previewBytes, :alt, :source, :by,
                            :at)
                        returning id
                        """)
                        .param("sha", kept.sha256()).param("type", kept.contentType()).param("bytes", bytes)
                        .param("width", kept.width()).param("height", kept.height())
                        .param("previewSha", previewSha).param("previewBytes", previewBytes)
                        .param("alt", altText == null ? "" : altText.strip()).param("source", sourceUrl)
                        .param("by", uploader.id()).param("at", Timestamp.from(clock.instant()))
                        .query(Long.class).single();
            });
            return get(Objects.requireNonNull(id));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Takes the transaction-scoped advisory locks of these bytes in the order of their keys: the first 32 bits of a
     * SHA-256 (as even as any hash of it), in a key space of their own (the two-number form no other lock uses).
     */
    private void lock(Collection<String> sha256s) {
        sha256s.stream().map(sha -> HexFormat.fromHexDigits(sha, 0, 8)).distinct().sorted()
                .forEach(key -> jdbc.sql("select pg_advisory_xact_lock(:space, :key)").param("space", BYTES_LOCKS)
                        .param("key", key).query().listOfRows());
    }

    /** Hex SHA-256 of a stream, read through to its end. */
    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
                digesting.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        return sha256(Files.newInputStream(file));
    }

    private UnacceptableContentException tooLarge() {
        return new UnacceptableContentException(Reason.TOO_LARGE, "media.tooLarge",
                "images are taken up to {0} bytes", properties.maxUploadSize().toBytes());
    }

    private UnacceptableContentException videoTooLarge() {
        return new UnacceptableContentException(Reason.TOO_LARGE, "media.videoTooLarge",
                "videos are taken up to {0} bytes", properties.maxVideoSize().toBytes());
    }

    private static Path temporary() {
        try {
            return Files.createTempFile("koho-media-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private Media media(ResultSet rs, int row) throws SQLException {
        return new Media(rs.getLong("id"), rs.getString("sha256"), rs.getString("content_type"), rs.getLong("bytes"),
                rs.getInt("width"), rs.getInt("height"), rs.getString("preview_sha256"), rs.getLong("preview_bytes"),
                rs.getString("alt_text"), rs.getString("source_url"), rs.getLong("uploaded_by"),
                rs.getTimestamp("uploaded_at").toInstant());
    }
}
