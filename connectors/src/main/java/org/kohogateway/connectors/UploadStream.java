package org.kohogateway.connectors;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image's approved bytes, opened for one upload request. The JDK's HTTP client closes a streamed body itself once
 * it has read it, and fails the request if that close fails: after the last byte has left, that would turn a request
 * the platform may have acted on into an error of ours. So the request gets {@link #body()}, whose close does nothing,
 * and this is closed when the request is over, a failure then only logged.
 */
public final class UploadStream implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UploadStream.class);

    private final InputStream bytes;

    private UploadStream(InputStream bytes) {
        this.bytes = bytes;
    }

    /** Opens the image's bytes; fails, before anything is sent, when they cannot be read. */
    public static UploadStream open(MediaItem image) throws IOException {
        return new UploadStream(image.content().open());
    }

    /** The bytes for the request body, streamed; closing it leaves them open. */
    public InputStream body() {
        return new FilterInputStream(bytes) {
            @Override
            public void close() {
                // closed by UploadStream once the request is over
            }
        };
    }

    @Override
    public void close() {
        try {
            bytes.close();
        } catch (IOException e) {
            log.debug("Could not close an image's bytes after the request that sent them", e);
        }
    }
}
