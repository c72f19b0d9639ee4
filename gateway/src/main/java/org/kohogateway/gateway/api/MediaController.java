package org.kohogateway.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.PublicMediaLinks;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Images for posts: the upload, the signed-in pages' thumbnails, and the signed public links platforms fetch. The
 * bytes stream from the store to the response; none is held whole.
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
    private final PublicMediaLinks links;

    MediaController(MediaLibrary library, PublicMediaLinks links) {
        this.library = library;
        this.links = links;
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

    @GetMapping("/media/{id}/thumbnail")
    @Operation(summary = "The preview JPEG of an image, for the signed-in pages (inbox, post page, calendar)")
    ResponseEntity<InputStreamResource> thumbnail(@PathVariable long id) throws IOException {
        return serve(library.get(id), Media.Variant.PREVIEW, CacheControl.noCache().cachePrivate());
    }

    @GetMapping("/media/public/{token}")
    @Operation(summary = "An approved image by its signed, expiring link (for platforms that fetch by address); "
            + "404 for a forged, altered or expired link, or an image no approved post carries")
    ResponseEntity<InputStreamResource> published(@PathVariable String token) throws IOException {
        PublicMediaLinks.Resolved found = links.resolve(token).orElse(null);
        if (found == null) {
            return ResponseEntity.notFound().build();
        }
        return serve(found.media(), found.variant(), CacheControl.empty().cachePublic());
    }

    private ResponseEntity<InputStreamResource> serve(Media media, Media.Variant variant, CacheControl cache)
            throws IOException {
        boolean original = variant == Media.Variant.ORIGINAL;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(original ? media.contentType() : MediaType.IMAGE_JPEG_VALUE))
                .contentLength(original ? media.bytes() : media.previewBytes())
                .cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(library.open(media, variant)));
    }
}
