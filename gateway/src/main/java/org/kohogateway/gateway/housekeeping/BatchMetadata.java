package org.kohogateway.gateway.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Spring Batch's own tables. Their times are local date-times in the JVM's zone (Spring Batch writes them so), hence
 * the conversion of the cutoff.
 */
@Repository
class BatchMetadata {

    private final JdbcClient jdbc;

    BatchMetadata(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes job executions that ended before the cutoff, their steps, contexts and parameters, then instances left empty. */
    int purgeFinishedBefore(Instant cutoff) {
        Timestamp local = Timestamp.valueOf(LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault()));
        List<Long> instances = jdbc.sql("select distinct job_instance_id from batch_job_execution where end_time < :cutoff")
                .param("cutoff", local).query(Long.class).list();
        String old = "(select job_execution_id from batch_job_execution where end_time < :cutoff)";
        jdbc.sql("""
                delete from batch_step_execution_context where step_execution_id in
                    (select step_execution_id from batch_step_execution where job_execution_id in %s)
                """.formatted(old)).param("cutoff", local).update();
        jdbc.sql("delete from batch_step_execution where job_execution_id in " + old).param("cutoff", local).update();
        jdbc.sql("delete from batch_job_execution_context where job_execution_id in " + old).param("cutoff", local).update();
        jdbc.sql("delete from batch_job_execution_params where job_execution_id in " + old).param("cutoff", local).update();
        int executions = jdbc.sql("delete from batch_job_execution where end_time < :cutoff").param("cutoff", local)
                .update();
        if (!instances.isEmpty()) {
            jdbc.sql("""
                    delete from batch_job_instance i where i.job_instance_id in (:ids)
                      and not exists (select 1 from batch_job_execution e where e.job_instance_id = i.job_instance_id)
                    """).param("ids", instances).update();
        }
        return executions;
    }
}
