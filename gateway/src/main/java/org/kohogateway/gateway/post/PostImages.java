package org.kohogateway.gateway.post;

import java.util.List;

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

    /** A post carrying an image's bytes, and the upload it carries them as. */
    public record Carrier(PostId postId, long mediaId) {
    }

    /**
     * Every post that carries these bytes, whatever its state (a draft as much as a record): what a disposal asks
     * before removing them.
     */
    @Transactional(readOnly = true)
    public List<Carrier> carriers(String sha256) {
        return jdbc.sql("""
                select p.id, (m ->> 'mediaId')::bigint as media_id
                from post p cross join lateral jsonb_array_elements(p.media) m
                where p.media @> jsonb_build_array(jsonb_build_object('sha256', cast(:sha as text)))
                  and m ->> 'sha256' = :sha
                """)
                .param("sha", sha256)
                .query((rs, n) -> new Carrier(new PostId(rs.getObject("id", java.util.UUID.class)),
                        rs.getLong("media_id")))
                .list();
    }

    private boolean carriedByReadablePost(long mediaId, Readers readers) {
        return jdbc.sql("select exists (select 1 from post p where p.media @> cast(:carried as jsonb) and "
                + readers.posts() + ")")
                .params(readers.params())
                .param("carried", "[{\"mediaId\": " + mediaId + "}]")
                .query(Boolean.class).single();
    }
}
