package org.kohogateway.gateway.web;

import java.io.IOException;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.PublicMediaLinks;
import org.kohogateway.gateway.post.PostImages;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Images as the pages and the platforms get them: the preview for the signed-in pages (inbox, post page, calendar),
 * and an approved image by its signed link for platforms that fetch by address (open to anyone holding the link).
 * The bytes stream from the store to the response; none is held whole.
 */
@Controller
class MediaRoutes {

    private final MediaLibrary library;
    private final PublicMediaLinks links;
    private final PostImages images;

    MediaRoutes(MediaLibrary library, PublicMediaLinks links, PostImages images) {
        this.library = library;
        this.links = links;
        this.images = images;
    }

    /** Only to its uploader and the readers of a post carrying it; to anyone else a 404 ({@link PostImages}). */
    @GetMapping("/media/{id}/thumbnail")
    ResponseEntity<InputStreamResource> thumbnail(Staff me, @PathVariable long id) throws IOException {
        Media media;
        try {
            media = images.viewable(id, Readers.of(me));
        } catch (NotFoundException e) {
            return ResponseEntity.notFound().build();
        }
        return serve(media, Media.Variant.PREVIEW, CacheControl.noCache().cachePrivate());
    }

    /** A forged, altered or expired link, or one to an image no approved post carries, is a plain 404. */
    @GetMapping("/media/public/{token}")
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
