package org.kohogateway.gateway.records;

import java.util.List;

import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The records as auditors read them: one record whole, or a search. Only those who audit (AUDITOR, ADMIN) read
 * records: a record holds every department's posts with their whole trail. Each read first registers the posts that
 * went out since the last registration, so a record is there as soon as its post went out.
 */
@Service
public class PostRecords {

    private final RecordRegistry registry;
    private final RecordReader reader;
    private final TransactionTemplate reading;

    PostRecords(RecordRegistry registry, RecordReader reader, PlatformTransactionManager transactions) {
        this.registry = registry;
        this.reader = reader;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
    }

    /** @throws NotFoundException {@code records.notFound} when the post never went out (or does not exist) */
    public RecordView record(Staff me, PostId id) {
        requireAuditor(me);
        registry.registerNew();
        return reading.execute(status -> reader.read(find(id)));
    }

    /** The record's own row (retention, hold, disposal), without the post. */
    public PostRecord row(Staff me, PostId id) {
        requireAuditor(me);
        registry.registerNew();
        return find(id);
    }

    public List<RecordSummary> search(Staff me, RecordQuery query) {
        requireAuditor(me);
        registry.registerNew();
        return reading.execute(status -> registry.search(query));
    }

    PostRecord find(PostId id) {
        return registry.find(id).orElseThrow(() -> new NotFoundException("records.notFound",
                "post {0} is no record: it never went out", id));
    }

    static void requireAuditor(Staff me) {
        if (!me.audits()) {
            throw new NotPermittedException("records.notAuditor", "records are read and kept by auditors and admins");
        }
    }
}
