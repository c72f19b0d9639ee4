package org.kohogateway.gateway.importing;

import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates each checked row's post through the normal workflow, as the uploader: a draft, submitted into the approval
 * flow when the row says so. Runs in the chunk's transaction, so the posts and the reader's position commit together;
 * each row in a savepoint, so a row the workflow still refuses is reported without undoing the others.
 */
@Component
class ImportWriter implements ItemWriter<RowCheck.Checked> {

    private final PostWorkflow workflow;
    private final PostImports imports;
    private final TransactionTemplate savepoint;

    ImportWriter(PostWorkflow workflow, PostImports imports, PlatformTransactionManager transactions) {
        this.workflow = workflow;
        this.imports = imports;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public void write(Chunk<? extends RowCheck.Checked> chunk) {
        for (RowCheck.Checked checked : chunk) {
            ImportRow row = checked.row();
            if (imports.alreadyImported(row.importId(), row.line())) {
                continue;
            }
            try {
                savepoint.executeWithoutResult(status -> {
                    Post post = workflow.create(row.author(), checked.post());
                    if (checked.submit()) {
                        workflow.submit(row.author(), post.id());
                    }
                    imports.imported(row.importId(), row.line(), post.id());
                });
            } catch (GatewayException refused) {
                imports.rejected(row.importId(), row.line(), java.util.List.of(RowCheck.refusal(row, refused)));
            }
        }
    }
}
