package org.kohogateway.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The image upload; the thumbnails and the signed public links are served by {@code web.MediaRoutes}.
 */
@RestController
@Tag(name = "media", description = "Images for posts: uploaded, cleaned of metadata, kept by SHA-256")
class MediaController {

    /** What an upload answers: the id a post references and what the approval binds. */
    record MediaView(long id, String sha256, String contentType, int width, int height, long bytes, String altText) {

        static MediaView of(Media media) {
            return new MediaView(media.id(), media.sha256(), media.contentType(), media.width(), media.height(),
                    media.bytes(), media.altText());
        }
    }

    private final MediaLibrary library;

    MediaController(MediaLibrary library) {
        this.library = library;
    }

    @PostMapping(path = "/api/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a JPEG or PNG (multipart 'file', optional 'altText'): metadata (EXIF with GPS, XMP, "
            + "IPTC) is removed after the orientation is applied; 413 over gateway.media.max-upload-size, 415 when the "
            + "bytes are not JPEG or PNG. Posts reference the answer's id")
    ResponseEntity<MediaView> upload(Principal me, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String altText) {
        Media media;
        try (InputStream in = file.getInputStream()) {
            media = library.upload(me.getName(), in, altText);
        } catch (IOException e) {
            throw new InvalidRequestException("media.unreadable", "the upload could not be read: {0}", e.getMessage());
        }
        return ResponseEntity.created(URI.create("/media/" + media.id() + "/thumbnail")).body(MediaView.of(media));
    }
}
