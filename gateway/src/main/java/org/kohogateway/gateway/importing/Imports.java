package org.kohogateway.gateway.importing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.staff.ActingStaff;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.ConflictException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.kohogateway.gateway.support.NotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import use cases: accept an upload (checked up front: size, text, CSV, columns), run its job in the
 * background (a bounded number at once, per person and per instance), restart a failed one, and show imports to their
 * author, admins and auditors.
 */
@Service
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);

    private final PostImports imports;
    private final StaffDirectory staff;
    private final JobOperator jobs;
    private final Job job;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ImportSlots slots;
    private final SimpleAsyncTaskExecutor background = new SimpleAsyncTaskExecutor("import-");

    Imports(PostImports imports, StaffDirectory staff, JobOperator jobs, Job postImportJob, AuditTrail audit,
            PlatformTransactionManager transactions, Clock clock, ImportSlots slots) {
        this.imports = imports;
        this.staff = staff;
        this.jobs = jobs;
        this.job = postImportJob;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.slots = slots;
        this.background.setVirtualThreads(true);
    }

    /**
     * Checks and stores an upload, then starts its job in the background; the import is {@code QUEUED}. A slot
     * ({@link ImportSlots}) is taken before the file is read into memory and held until the job ends.
     */
    public PostImport upload(String username, String fileName, Supplier<byte[]> content, ImportMode mode) {
        ImportSlots.Slot slot = slots.take(username);
        try {
            PostImport accepted = accept(username, fileName, content.get(), mode);
            inBackground(() -> runThenGiveBack(accepted.id(), slot));
            return accepted;
        } catch (RuntimeException e) {
            slot.giveBack();
            throw e;
        }
    }

    /** Checks and stores an upload without starting it (tests and the benchmark start it with {@link #run}). */
    public PostImport accept(String username, @Nullable String fileName, byte @Nullable [] content,
            @Nullable ImportMode mode) {
        Staff author = staff.byUsername(username);
        if (!author.mayWritePosts()) {
            throw new NotPermittedException("post.notPoster", "writing posts needs the POSTER or PR_OFFICER role");
        }
        if (mode == null) {
            throw new InvalidRequestException("import.modeRequired", "choose a mode: ALL_OR_NOTHING or VALID_ROWS");
        }
        if (content == null || content.length == 0) {
            throw new InvalidRequestException("import.empty", "the file is empty");
        }
        if (content.length > ImportFile.MAX_BYTES) {
            throw new InvalidRequestException("import.tooLarge", "the file is larger than 5 MiB",
                    ImportFile.MAX_BYTES / (1024 * 1024));
        }
        ImportFile file = ImportFile.decode(content);
        int rows = file.checkAndCountRows();
        String name = fileName == null || fileName.isBlank() ? "import.csv" : fileName.strip();
        long id = transaction.execute(status -> {
            long created = imports.insert(username, name.length() > 200 ? name.substring(0, 200) : name,
                    file.charset().name(), mode, content, rows, clock.instant());
            audit.record(username, "IMPORT_ACCEPTED", "IMPORT", String.valueOf(created), null,
                    ImportStatus.QUEUED.name(), Map.of("file", name, "rows", rows, "mode", mode.name(),
                            "charset", file.charset().name()));
            return created;
        });
        return imports.find(id).orElseThrow();
    }

    /** Runs (or, after a failure, restarts) an import's job in this thread; returns the import as it ends. */
    public PostImport run(long id) {
        JobParameters parameters = new JobParametersBuilder().addLong(ImportJobConfiguration.IMPORT_ID, id)
                .toJobParameters();
        try {
            jobs.start(job, parameters);
        } catch (Exception e) {
            // already complete or running elsewhere: the import's status says what happened
            log.warn("import {} not started: {}", id, e.toString());
        }
        return get(id);
    }

    /** Restarts a failed import in the background; it goes on where it stopped. */
    public PostImport restart(String username, long id) {
        PostImport current = visible(username, id);
        if (!current.restartableBy(staff.byUsername(username))) {
            throw new NotPermittedException("import.notYours", "only its author or an admin may restart an import");
        }
        ImportSlots.Slot slot = slots.take(username);
        try {
            if (!imports.requeue(id)) {
                throw new ConflictException("import.notRestartable", "only a FAILED import can be restarted",
                        current.status());
            }
            inBackground(() -> runThenGiveBack(id, slot));
        } catch (RuntimeException e) {
            slot.giveBack();
            throw e;
        }
        return get(id);
    }

    /**
     * Runs the work on a background thread acting as this request does: an import started through an API token
     * writes its posts with the token's roles only, and its audit entries name the token.
     */
    private void inBackground(Runnable work) {
        ActingStaff acting = ActingStaff.current().orElse(null);
        background.execute(() -> {
            try (var scope = ActingStaff.enter(acting)) {
                work.run();
            }
        });
    }

    private void runThenGiveBack(long id, ImportSlots.Slot slot) {
        try {
            run(id);
        } finally {
            slot.giveBack();
        }
    }

    public PostImport get(long id) {
        return imports.find(id).orElseThrow(() -> new NotFoundException("import.notFound", "no import " + id, id));
    }

    /**
     * An import its author, an admin or an auditor asks about. Anyone else is answered as if there were no such
     * import, as for a post they may not read ({@code post.Readers}): a refusal would tell them it exists.
     */
    public PostImport visible(String username, long id) {
        PostImport found = get(id);
        if (!found.author().equals(username) && !mayReadAll(staff.byUsername(username))) {
            throw new NotFoundException("import.notFound", "no import " + id, id);
        }
        return found;
    }

    /** Newest first: the caller's own imports, or everyone's for admins and auditors. */
    public List<PostImport> list(String username, int limit) {
        Staff me = staff.byUsername(username);
        return imports.list(mayReadAll(me) ? null : username, limit);
    }

    public List<RowError> errors(long id) {
        return imports.errors(id);
    }

    /** The posts the import created, in file order. */
    public List<PostId> posts(long id) {
        return imports.posts(id);
    }

    /** The posts the import created with the line each came from, in file order. */
    public List<ImportedRow> importedRows(long id) {
        return imports.importedRows(id);
    }

    /** The columns a file's header names, in the documented order. */
    public static List<String> columns() {
        return ImportColumns.ALL;
    }

    /**
     * The sample file (the columns, a multi-line text, several links and accounts, both time formats), as a spreadsheet
     * in Japan opens it: UTF-8 with a byte-order mark. Its account ids are the demo's.
     */
    public byte[] sample() {
        try (java.io.InputStream in = Imports.class.getResourceAsStream("/importing/import-sample.csv")) {
            if (in == null) {
                throw new IllegalStateException("importing/import-sample.csv is missing from the classpath");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            in.transferTo(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Clears the stored files of imports older than the cutoff (housekeeping); returns how many. */
    public int clearStoredFilesBefore(java.time.Instant cutoff) {
        return imports.clearContentBefore(cutoff);
    }

    private static boolean mayReadAll(Staff me) {
        return me.audits();
    }
}
