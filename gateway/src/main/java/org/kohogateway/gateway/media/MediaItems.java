package org.kohogateway.gateway.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.kohogateway.connectors.MediaItem;
import org.springframework.stereotype.Component;

/**
 * Turns a post's approved images into what a connector sends, after making sure the store still holds exactly the
 * bytes the approver saw: each image is read through and its SHA-256 compared with the approved one. A mismatch (a
 * changed row, a bucket object replaced) refuses the whole delivery rather than send a picture nobody approved.
 */
@Component
public class MediaItems {

    /** One image as the approval bound it. */
    public record Approved(long mediaId, String sha256, String altText) {
    }

    /** The stored bytes are not the approved ones (or are gone): nothing may be sent. */
    public static final class ApprovedBytesChanged extends Exception {
        ApprovedBytesChanged(String message) {
            super(message);
        }
    }

    private final MediaLibrary library;
    private final MediaStore store;
    private final PublicMediaLinks links;

    MediaItems(MediaLibrary library, MediaStore store, PublicMediaLinks links) {
        this.library = library;
        this.store = store;
        this.links = links;
    }

    /** The images in order, checked; their content streams from the store on each open. */
    public List<MediaItem> forDelivery(List<Approved> approved) throws ApprovedBytesChanged {
        List<MediaItem> items = new ArrayList<>(approved.size());
        for (Approved image : approved) {
            Media media = library.get(image.mediaId());
            String stored;
            try (InputStream in = store.open(image.sha256())) {
                stored = MediaLibrary.sha256(in);
            } catch (IOException e) {
                throw new ApprovedBytesChanged("image " + image.mediaId() + " cannot be read from the store: "
                        + e.getMessage());
            }
            if (!stored.equals(image.sha256()) || !media.sha256().equals(image.sha256())) {
                throw new ApprovedBytesChanged("image " + image.mediaId() + " is not the approved one: its bytes "
                        + "hash to " + stored + ", the approval binds " + image.sha256());
            }
            items.add(new MediaItem(image.sha256(), media.contentType(), media.bytes(), media.width(), media.height(),
                    image.altText(), links.link(media, Media.Variant.ORIGINAL), links.link(media, Media.Variant.PREVIEW),
                    () -> store.open(image.sha256())));
        }
        return items;
    }
}
