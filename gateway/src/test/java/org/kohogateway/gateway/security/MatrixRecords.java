package org.kohogateway.gateway.security;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The records' fixtures of the matrix: a post that went out, and a disposal list someone else drew up. */
final class MatrixRecords {

    private MatrixRecords() {
    }

    /** A post of department A that went out: a record once the gateway registers it (at the call). */
    static String sentRecord(TestData data, JdbcClient jdbc, World world, Instant now) {
        Post post = data.approvedPost(world, "権限表 記録 " + TestData.unique(), now.plus(Duration.ofDays(3)),
                world.lineA());
        jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :now, due_at = null
                where post_id = :post
                """).param("platformId", "matrix-" + TestData.unique()).param("now", Timestamp.from(now))
                .param("post", post.id().value()).update();
        return post.id().toString();
    }

    /**
     * A disposal list drawn up by {@code drawnBy} (the matrix's second admin), of one record of its own whose disposal
     * date has passed: the world's auditor and admin are the second person who may decide it.
     */
    static long disposalList(TestData data, JdbcClient jdbc, World world, Instant now, String drawnBy) {
        String post = sentRecord(data, jdbc, world, now);
        Date yesterday = Date.valueOf(LocalDate.ofInstant(now, ZoneId.of("Asia/Tokyo")).minusDays(1));
        // the matrix walks its operations in parallel, and any records call registers the sent post first: the record
        // may already be there, registered with its real dates
        jdbc.sql("""
                insert into post_record (post_id, first_sent_at, retention, retention_starts, disposal_date, registered_at)
                values (cast(:post as uuid), :now, 'ONE_YEAR', :day, :day, :now)
                on conflict (post_id) do update set retention = excluded.retention,
                    retention_starts = excluded.retention_starts, disposal_date = excluded.disposal_date
                """).param("post", post).param("now", Timestamp.from(now)).param("day", yesterday).update();
        long list = jdbc.sql("""
                insert into disposal_list (due_on, status, drawn_by, drawn_at) values (:day, 'DRAWN', :by, :now)
                returning id
                """).param("day", yesterday).param("by", drawnBy).param("now", Timestamp.from(now))
                .query(Long.class).single();
        jdbc.sql("insert into disposal_list_item (list_id, post_id) values (:list, cast(:post as uuid))")
                .param("list", list).param("post", post).update();
        return list;
    }
}
