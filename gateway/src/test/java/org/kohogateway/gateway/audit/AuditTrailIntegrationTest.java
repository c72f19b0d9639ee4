package org.kohogateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditTrailIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail audit;

    @Test
    void theDatabaseRefusesToUpdateOrDeleteAuditEntries() {
        World world = data.world();
        Post post = data.draft(world.poster(), "監査対象", null, world.lineA());
        long id = audit.find(AuditQuery.forSubject("POST", post.id().toString())).getFirst().id();

        assertThatThrownBy(() -> jdbc.sql("update audit_entry set actor = 'someone-else' where id = :id")
                .param("id", id).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_entry where id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_entry").update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");

        assertThat(audit.find(AuditQuery.forSubject("POST", post.id().toString())).getFirst().actor())
                .isEqualTo(world.poster());
    }

    @Test
    void recordsWhoDidWhatWithBeforeAndAfter() {
        World world = data.world();
        Post post = data.approvedPost(world, "記録", null, world.lineA());

        var entries = audit.find(AuditQuery.forSubject("POST", post.id().toString()));

        assertThat(entries).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::beforeState,
                AuditEntry::afterState).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST_APPROVED", world.approver(), "SUBMITTED", "APPROVED"),
                        org.assertj.core.groups.Tuple.tuple("POST_SUBMITTED", world.poster(), "DRAFT", "SUBMITTED"),
                        org.assertj.core.groups.Tuple.tuple("POST_CREATED", world.poster(), null, "DRAFT"));
        assertThat(entries.getFirst().detail()).contains("\"route\": \"DEPARTMENT\"").contains(post.contentHash());
    }
}
