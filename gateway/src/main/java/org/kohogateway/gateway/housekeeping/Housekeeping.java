package org.kohogateway.gateway.housekeeping;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.kohogateway.gateway.feed.PressReleaseFeed;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.notification.NotificationLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The daily housekeeping job. Its identifying parameter is the day (Japan time), so however many instances trigger
 * it, Spring Batch runs it once per day: a second trigger finds the job instance running or complete (or loses the
 * race to create it) and does nothing.
 */
@Component
public class Housekeeping {

    static final String JOB_NAME = "housekeeping";
    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final JobOperator jobs;
    private final Job job;
    private final Clock clock;

    Housekeeping(JobOperator jobs, JobRepository repository, PlatformTransactionManager transactions,
            HousekeepingProperties properties, BatchMetadata batch, PressReleaseFeed feed, Imports imports,
            NotificationLog notifications, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
        this.job = new JobBuilder(JOB_NAME, repository)
                .start(new StepBuilder("purge", repository).tasklet((contribution, context) -> {
                    Instant now = clock.instant();
                    int executions = batch.purgeFinishedBefore(now.minus(properties.batchRetention()));
                    Instant idempotency = now.minus(properties.idempotencyRetention());
                    int feedRows = feed.purgeBefore(idempotency);
                    int files = imports.clearStoredFilesBefore(idempotency);
                    int sent = notifications.purgeFinishedBefore(idempotency);
                    contribution.incrementWriteCount(executions + feedRows + files + sent);
                    log.info("housekeeping: {} batch job executions, {} feed items and polls, {} stored import files, "
                            + "{} finished notifications", executions, feedRows, files, sent);
                    return RepeatStatus.FINISHED;
                }, transactions).build())
                .build();
    }

    @Scheduled(cron = "${gateway.housekeeping.cron:0 30 3 * * *}", zone = "Asia/Tokyo")
    public void scheduled() {
        run(LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Tokyo")));
    }

    /** Runs the day's housekeeping unless it ran or runs already; true if this call ran it to completion. */
    public boolean run(LocalDate day) {
        try {
            JobExecution execution = jobs.start(job, new JobParametersBuilder().addLocalDate("day", day)
                    .toJobParameters());
            return execution.getStatus() == BatchStatus.COMPLETED;
        } catch (Exception e) {
            // JobInstanceAlreadyComplete, JobExecutionAlreadyRunning, or a concurrent trigger created it first
            log.info("housekeeping for {} not run here: {}", day, e.toString());
            return false;
        }
    }
}
