package org.kohogateway.gateway.post;

import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may look at an uploaded image on the pages: whoever brought it, and whoever may read a post that carries it
 * ({@link Readers}, the same need-to-know rule as the posts). To anyone else it does not exist, so that neither the
 * picture nor its existence leaks across departments.
 */
@Service
public class PostImages {

    private final MediaLibrary library;
    private final JdbcClient jdbc;

    PostImages(MediaLibrary library, JdbcClient jdbc) {
        this.library = library;
        this.jdbc = jdbc;
    }

    /** @throws NotFoundException {@code media.notFound} when there is no such image or these readers may not see it */
    @Transactional(readOnly = true)
    public Media viewable(long mediaId, Readers readers) {
        Media media = library.get(mediaId);
        if (media.uploadedBy() == readers.readerId() || carriedByReadablePost(mediaId, readers)) {
            return media;
        }
        throw new NotFoundException("media.notFound", "no image {0}", mediaId);
    }

    private boolean carriedByReadablePost(long mediaId, Readers readers) {
        return jdbc.sql("select exists (select 1 from post p where p.media @> cast(:carried as jsonb) and "
                + readers.posts() + ")")
                .params(readers.params())
                .param("carried", "[{\"mediaId\": " + mediaId + "}]")
                .query(Boolean.class).single();
    }
}
