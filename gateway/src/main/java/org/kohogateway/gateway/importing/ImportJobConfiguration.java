package org.kohogateway.gateway.importing;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.importing.RowCheck.Checked;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The import job: {@code checkRows} (all-or-nothing imports only) reads every row and records the bad ones without
 * creating anything; {@code importRows} checks each row again and creates the good ones, {@code chunkSize} rows per
 * transaction. Identified by the import id, so starting it again after a failure restarts it: completed steps are
 * skipped and the failed step goes on after its last committed chunk.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfiguration {

    static final String JOB_NAME = "postImport";
    static final String IMPORT_ID = "importId";

    @Bean
    Job postImportJob(JobRepository repository, Step checkRows, Step importRows, ImportStatusListener listener) {
        return new JobBuilder(JOB_NAME, repository).start(checkRows).next(importRows).listener(listener).build();
    }

    @Bean
    Step checkRows(JobRepository repository, PlatformTransactionManager transactions, ImportProperties properties,
            ImportReader checkRowsReader, RowCheck check, PostImports imports) {
        return new StepBuilder("checkRows", repository).<ImportRow, Checked>chunk(properties.chunkSize())
                .transactionManager(transactions)
                .reader(checkRowsReader)
                .processor(processor(check, imports, true))
                .writer(chunk -> { })
                .build();
    }

    @Bean
    Step importRows(JobRepository repository, PlatformTransactionManager transactions, ImportProperties properties,
            ImportReader importRowsReader, RowCheck check, PostImports imports, ImportWriter writer) {
        return new StepBuilder("importRows", repository).<ImportRow, Checked>chunk(properties.chunkSize())
                .transactionManager(transactions)
                .reader(importRowsReader)
                .processor(processor(check, imports, false))
                .writer(writer)
                .build();
    }

    @Bean
    @StepScope
    ImportReader checkRowsReader(PostImports imports, @Value("#{jobParameters['importId']}") Long importId) {
        return new ImportReader(imports, importId, true);
    }

    @Bean
    @StepScope
    ImportReader importRowsReader(PostImports imports, @Value("#{jobParameters['importId']}") Long importId) {
        return new ImportReader(imports, importId, false);
    }

    @Bean
    ImportStatusListener importStatusListener(PostImports imports, Clock clock) {
        return new ImportStatusListener(imports, clock);
    }

    /** Records a bad row's errors and filters it out; a good row goes on to the writer unless this pass only checks. */
    private static ItemProcessor<ImportRow, Checked> processor(RowCheck check, PostImports imports, boolean checkOnly) {
        return row -> {
            RowCheck.Outcome outcome = check.check(row);
            if (!outcome.errors().isEmpty()) {
                imports.rejected(row.importId(), row.line(), outcome.errors());
                return null;
            }
            return checkOnly ? null : outcome.checked();
        };
    }

    /** Mirrors the job's progress into the import's status, which the API shows. */
    static final class ImportStatusListener implements JobExecutionListener {

        private final PostImports imports;
        private final Clock clock;

        ImportStatusListener(PostImports imports, Clock clock) {
            this.imports = imports;
            this.clock = clock;
        }

        @Override
        public void beforeJob(JobExecution execution) {
            imports.status(importId(execution), ImportStatus.RUNNING, execution.getId(), null, null);
        }

        @Override
        public void afterJob(JobExecution execution) {
            long id = importId(execution);
            PostImport current = imports.find(id).orElseThrow();
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                ImportStatus status = current.mode() == ImportMode.ALL_OR_NOTHING && current.rejected() > 0
                        ? ImportStatus.REJECTED : ImportStatus.COMPLETED;
                imports.status(id, status, execution.getId(), null, clock.instant());
            } else {
                String message = execution.getAllFailureExceptions().stream().findFirst()
                        .map(org.springframework.core.NestedExceptionUtils::getMostSpecificCause)
                        .map(e -> e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()))
                        .orElse(execution.getExitStatus().getExitDescription());
                imports.status(id, ImportStatus.FAILED, execution.getId(), message, null);
            }
        }

        private static long importId(JobExecution execution) {
            return execution.getJobParameters().getLong(IMPORT_ID);
        }

        private static String firstLine(@Nullable String message) {
            if (message == null) {
                return "";
            }
            String line = message.lines().findFirst().orElse("");
            return line.length() > 500 ? line.substring(0, 500) : line;
        }
    }
}
