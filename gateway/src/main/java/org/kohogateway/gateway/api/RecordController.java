package org.kohogateway.gateway.api;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.records.DisposalList;
import org.kohogateway.gateway.records.DisposalLists;
import org.kohogateway.gateway.records.PostRecord;
import org.kohogateway.gateway.records.PostRecords;
import org.kohogateway.gateway.records.RecordHolds;
import org.kohogateway.gateway.records.RecordPackages;
import org.kohogateway.gateway.records.RecordQuery;
import org.kohogateway.gateway.records.RecordSummary;
import org.kohogateway.gateway.records.RecordView;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "records", description = "Posts kept as administrative documents: retention, legal hold, disposal with a "
        + "second person's approval, disclosure packages (auditors and admins)")
class RecordController {

    private final PostRecords records;
    private final RecordHolds holds;
    private final DisposalLists disposals;
    private final RecordPackages packages;

    RecordController(PostRecords records, RecordHolds holds, DisposalLists disposals, RecordPackages packages) {
        this.records = records;
        this.holds = holds;
        this.disposals = disposals;
        this.packages = packages;
    }

    record Reason(@NotBlank @Size(max = RecordHolds.MAX_REASON) String reason) {
    }

    record Decision(@Size(max = DisposalLists.MAX_COMMENT) String comment) {
    }

    @GetMapping("/api/records")
    @Operation(summary = "Search the records, newest first: words of the text, an account, a range of first sends "
            + "(ISO 8601), a category, a platform's post id")
    List<RecordSummary> search(Staff me, @RequestParam(required = false) String text,
            @RequestParam(required = false) Long accountId, @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) PostCategory category,
            @RequestParam(required = false) String platformPostId, @RequestParam(defaultValue = "100") int limit) {
        return records.search(me, query(text, accountId, from, to, category, platformPostId, limit));
    }

    @GetMapping("/api/records/posts/{id}")
    @Operation(summary = "A post's record: its text per platform, images, decisions, deliveries with platform ids and "
            + "addresses, corrections and deletions, retention, hold, and audit entries with their chain positions")
    RecordView record(Staff me, @PathVariable UUID id) {
        return records.record(me, new PostId(id));
    }

    @GetMapping("/api/records/posts/{id}/package.zip")
    @Operation(summary = "A post's disclosure package (ZIP): the record as JSON and as Japanese HTML, its audit entries, "
            + "the personal data the rules find, and its images or their tombstones")
    void recordPackage(Staff me, @PathVariable UUID id, HttpServletResponse response) throws IOException {
        packages.write(me, new PostId(id), () -> zip(response, "record-" + id + ".zip"));
    }

    @GetMapping("/api/records/package.zip")
    @Operation(summary = "The disclosure package of the records first sent in a range (from and to required), "
            + "optionally to one account")
    void rangePackage(Staff me, @RequestParam(required = false) OffsetDateTime from,
            @RequestParam(required = false) OffsetDateTime to, @RequestParam(required = false) Long accountId,
            @RequestParam(required = false) PostCategory category, HttpServletResponse response) throws IOException {
        packages.write(me, query(null, accountId, from, to, category, null, RecordQuery.MAX_LIMIT),
                () -> zip(response, "records.zip"));
    }

    @PostMapping("/api/records/posts/{id}/hold")
    @Operation(summary = "Put a record on legal hold, with the reason: it is not disposed of until the hold is lifted")
    PostRecord hold(Staff me, @PathVariable UUID id, @Valid @RequestBody Reason reason) {
        return holds.place(me, new PostId(id), reason.reason());
    }

    @PostMapping("/api/records/posts/{id}/release")
    @Operation(summary = "Lift a record's legal hold, with the reason")
    PostRecord release(Staff me, @PathVariable UUID id, @Valid @RequestBody Reason reason) {
        return holds.lift(me, new PostId(id), reason.reason());
    }

    @GetMapping("/api/records/disposal-lists")
    @Operation(summary = "The disposal lists, newest first")
    List<DisposalList> disposalLists(Staff me) {
        return disposals.recent(me, 50);
    }

    @PostMapping("/api/records/disposal-lists")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Draw up the disposal list of the records due today (none on hold); 409 when none is due")
    DisposalList draw(Staff me) {
        return disposals.draw(me);
    }

    @GetMapping("/api/records/disposal-lists/{id}")
    @Operation(summary = "One disposal list with its records and, once decided, what became of each")
    DisposalList disposalList(Staff me, @PathVariable long id) {
        return disposals.get(me, id);
    }

    @PostMapping("/api/records/disposal-lists/{id}/approve")
    @Operation(summary = "Approve a list someone else drew up: removes the image bytes of its records not on hold, "
            + "keeping tombstones with their hashes")
    DisposalList approve(Staff me, @PathVariable long id, @Valid @RequestBody(required = false) @Nullable Decision d) {
        return disposals.approve(me, id, d == null ? null : d.comment());
    }

    @PostMapping("/api/records/disposal-lists/{id}/refuse")
    @Operation(summary = "Refuse a list someone else drew up: its records stay and may be listed again")
    DisposalList refuse(Staff me, @PathVariable long id, @Valid @RequestBody(required = false) @Nullable Decision d) {
        return disposals.refuse(me, id, d == null ? null : d.comment());
    }

    private static RecordQuery query(@Nullable String text, @Nullable Long accountId, @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to, @Nullable PostCategory category, @Nullable String platformPostId,
            int limit) {
        return new RecordQuery(text, accountId, from == null ? null : from.toInstant(),
                to == null ? null : to.toInstant(), category, platformPostId, limit);
    }

    private static java.io.OutputStream zip(HttpServletResponse response, String filename) throws IOException {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        return response.getOutputStream();
    }
}
