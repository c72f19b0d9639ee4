package org.kohogateway.gateway.post;

import org.kohogateway.gateway.media.MediaReleases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An image is out in the open once a post carrying it has been approved (its deliveries then go or went out). */
@Component
class PostMediaReleases implements MediaReleases {

    private final JdbcClient jdbc;

    PostMediaReleases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean released(long mediaId) {
        return jdbc.sql("""
                select exists (select 1 from post where status = 'APPROVED'
                    and media @> jsonb_build_array(jsonb_build_object('mediaId', :id)))
                """).param("id", mediaId).query(Boolean.class).single();
    }
}
