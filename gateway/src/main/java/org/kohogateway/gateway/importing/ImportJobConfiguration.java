package org.kohogateway.gateway.importing;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.importing.RowCheck.Outcome;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.ActingStaff;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The import job: {@code checkRows} (all-or-nothing imports only) reads every row and records the bad ones without
 * creating anything; {@code importRows} checks each row again and creates the good ones, {@code chunkSize} rows per
 * transaction. In both, the processor only reads a row ({@link RowCheck}) and the writer asks the workflow about the
 * whole chunk at once ({@link ImportWriter}). Each step splits the rows into parts ({@link ImportParts}) run side by side on the instance's import
 * threads. Identified by the import id, so starting it again after a failure restarts it: completed steps and parts
 * are skipped and a failed part goes on after its last committed chunk.
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
    Step checkRows(JobRepository repository, Step checkRowsPart, Partitioner importParts, TaskExecutor importWorkers,
            ImportProperties properties) {
        return new StepBuilder("checkRows", repository).partitioner("checkRowsPart", importParts).step(checkRowsPart)
                .gridSize(properties.workers()).taskExecutor(importWorkers).build();
    }

    @Bean
    Step importRows(JobRepository repository, Step importRowsPart, Partitioner importParts, TaskExecutor importWorkers,
            ImportProperties properties) {
        return new StepBuilder("importRows", repository).partitioner("importRowsPart", importParts)
                .step(importRowsPart).gridSize(properties.workers()).taskExecutor(importWorkers).build();
    }

    @Bean
    Step checkRowsPart(JobRepository repository, PlatformTransactionManager transactions, ImportProperties properties,
            ImportReader checkRowsReader, RowCheck check, PostWorkflow workflow, PostImports imports) {
        return new StepBuilder("checkRowsPart", repository).<ImportRow, Outcome>chunk(properties.chunkSize())
                .transactionManager(transactions)
                .reader(checkRowsReader)
                .processor(check::read)
                .writer(new ImportWriter(workflow, imports, transactions, true))
                .build();
    }

    @Bean
    Step importRowsPart(JobRepository repository, PlatformTransactionManager transactions, ImportProperties properties,
            ImportReader importRowsReader, RowCheck check, PostWorkflow workflow, PostImports imports) {
        return new StepBuilder("importRowsPart", repository).<ImportRow, Outcome>chunk(properties.chunkSize())
                .transactionManager(transactions)
                .reader(importRowsReader)
                .processor(check::read)
                .writer(new ImportWriter(workflow, imports, transactions, false))
                .build();
    }

    @Bean
    @StepScope
    Partitioner importParts(PostImports imports, ImportProperties properties,
            @Value("#{jobParameters['importId']}") Long importId) {
        int rows = imports.find(importId).map(PostImport::rows).orElse(0);
        return new ImportParts(rows, properties.chunkSize());
    }

    @Bean
    @StepScope
    ImportReader checkRowsReader(PostImports imports, @Value("#{jobParameters['importId']}") Long importId,
            @Value("#{stepExecutionContext['first']}") Integer first,
            @Value("#{stepExecutionContext['end']}") Integer end) {
        return new ImportReader(imports, importId, true, first, end);
    }

    @Bean
    @StepScope
    ImportReader importRowsReader(PostImports imports, @Value("#{jobParameters['importId']}") Long importId,
            @Value("#{stepExecutionContext['first']}") Integer first,
            @Value("#{stepExecutionContext['end']}") Integer end) {
        return new ImportReader(imports, importId, false, first, end);
    }

    /**
     * The threads that import rows, shared by every import on the instance: an import's parts beyond them wait their
     * turn, so imports never hold more than this many database connections at once, whatever their number. Each part
     * acts as the import's starter does (an API token's roles and name), as the job's own thread does.
     */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskExecutor importWorkers(ImportProperties properties) {
        ThreadPoolTaskExecutor workers = new ThreadPoolTaskExecutor();
        workers.setCorePoolSize(properties.workers());
        workers.setMaxPoolSize(properties.workers());
        workers.setThreadNamePrefix("import-part-");
        workers.setTaskDecorator(task -> {
            ActingStaff acting = ActingStaff.current().orElse(null);
            return () -> {
                try (var scope = ActingStaff.enter(acting)) {
                    task.run();
                }
            };
        });
        workers.initialize();
        return workers;
    }

    @Bean
    ImportStatusListener importStatusListener(PostImports imports, Clock clock) {
        return new ImportStatusListener(imports, clock);
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
                // a failed part's own cause first: the partitioned step's failure only says that a part failed
                String message = java.util.stream.Stream.concat(execution.getStepExecutions().stream()
                                .flatMap(step -> step.getFailureExceptions().stream())
                                .filter(e -> !(e instanceof JobExecutionException)),
                        execution.getAllFailureExceptions().stream()).findFirst()
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
