package org.kohogateway.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where image bytes are kept, by their SHA-256: the same picture uploaded twice is stored once. Implementations
 * stream in and out; none holds a whole image in memory.
 */
public interface MediaStore {

    /**
     * Keeps the file's bytes under {@code sha256} (which the caller computed from them); keeping them twice is a no-op.
     * Joins the caller's transaction where the store is the database, so the bytes commit with the upload's row.
     */
    void put(String sha256, Path file) throws IOException;

    /** The bytes kept under {@code sha256}, from the first; the caller closes the stream. */
    InputStream open(String sha256) throws IOException;

    /** Whether bytes are kept under {@code sha256}. */
    boolean contains(String sha256);

    /**
     * Removes the bytes kept under {@code sha256} (a record's disposal); removing what is not kept is a no-op. Joins
     * the caller's transaction where the store is the database, so the removal commits with the disposal.
     */
    void delete(String sha256);
}
