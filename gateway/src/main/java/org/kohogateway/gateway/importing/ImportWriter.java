package org.kohogateway.gateway.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.post.DraftBatch;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a chunk's rows through the workflow together and, unless this pass only checks, creates the good ones as
 * the uploader: drafts, submitted into the approval flow when the row says so. One {@link DraftBatch} per chunk: the
 * author, the accounts the rows name and the city's handles are read once, each row is checked once (its submit
 * stands on that check), and the posts, deliveries, audit entries, imported lines and errors are each written in one
 * round trip. Runs in the chunk's transaction, so all of it and the reader's position commit together.
 *
 * <p>A row the workflow refuses or a blocking rule stops is reported with its errors and the others go on: nothing is
 * written until every row of the chunk was decided in memory. Only what asks the database through a transactional
 * service, whose refusal would mark the chunk's transaction for rollback, runs in a savepoint (rolled back on a
 * refusal): reading the batch, once per chunk, and checking a row that names uploaded images.
 */
class ImportWriter implements ItemWriter<RowCheck.Outcome> {

    /** Checks again in a new batch when the accounts or the author changed while a batch was checked, this often. */
    private static final int ATTEMPTS = 3;

    private final PostWorkflow workflow;
    private final PostImports imports;
    private final boolean checkOnly;
    private final TransactionTemplate savepoint;

    /** @param checkOnly the first pass of an all-or-nothing import: record the bad rows, create nothing */
    ImportWriter(PostWorkflow workflow, PostImports imports, PlatformTransactionManager transactions,
            boolean checkOnly) {
        this.workflow = workflow;
        this.imports = imports;
        this.checkOnly = checkOnly;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void write(Chunk<? extends RowCheck.Outcome> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        long importId = chunk.getItems().getFirst().row().importId();
        Set<Integer> done = checkOnly ? Set.of()
                : imports.alreadyImported(importId, chunk.getItems().stream().map(o -> o.row().line()).toList());
        List<RowCheck.Parsed> rows = new ArrayList<>();
        Map<Integer, List<RowError>> errors = new LinkedHashMap<>();
        for (RowCheck.Outcome outcome : chunk) {
            if (outcome.parsed() == null) {
                errors.put(outcome.row().line(), outcome.errors());
            } else if (!done.contains(outcome.row().line())) {
                rows.add(outcome.parsed());
            }
        }
        Map<Integer, PostId> created = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            for (int attempt = 1; ; attempt++) {
                Map<Integer, List<RowError>> refused = new LinkedHashMap<>();
                created.clear();
                DraftBatch batch = decide(rows, refused, created);
                if (checkOnly || batch == null || workflow.saveAll(batch)) {
                    errors.putAll(refused);
                    break;
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("the accounts or the author kept changing while import "
                            + importId + " checked its rows; the chunk is tried again when the import restarts");
                }
            }
        }
        if (!checkOnly) {
            imports.imported(importId, created);
        }
        imports.rejected(importId, errors);
    }

    /** Checks each row in one batch and drafts the good ones; a refused row's errors go into {@code refused}. */
    private @Nullable DraftBatch decide(List<RowCheck.Parsed> rows, Map<Integer, List<RowError>> refused,
            Map<Integer, PostId> created) {
        String author = rows.getFirst().row().author();
        DraftBatch batch;
        try {
            batch = savepoint.execute(status -> workflow.batch(author, rows.stream()
                    .flatMap(r -> r.post().accountIds().stream()).distinct().toList()));
        } catch (GatewayException e) {
            // the author may no longer write posts: every row is refused, as each would be alone
            rows.forEach(r -> refused.put(r.row().line(), List.of(RowCheck.refusal(r.row(), e))));
            return null;
        }
        for (RowCheck.Parsed parsed : rows) {
            ImportRow row = parsed.row();
            try {
                DraftBatch.Checked checked = parsed.post().media().isEmpty() ? batch.check(parsed.post())
                        : savepoint.execute(status -> batch.check(parsed.post()));
                List<Finding> blocking = checked.blocking();
                if (!blocking.isEmpty()) {
                    refused.put(row.line(), blocking.stream()
                            .map(f -> new RowError(row.line(), f.messageCode(), f.arguments())).toList());
                    continue;
                }
                // the check pass drafts too (writing nothing), so that it finds what only creating a post refuses
                Post post = batch.draft(checked, parsed.submit());
                created.put(row.line(), post.id());
            } catch (GatewayException e) {
                refused.put(row.line(), List.of(RowCheck.refusal(row, e)));
            }
        }
        return batch;
    }
}
