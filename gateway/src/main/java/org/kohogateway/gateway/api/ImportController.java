package org.kohogateway.gateway.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.Principal;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.importing.PostImport;
import org.kohogateway.gateway.importing.RowError;
import org.kohogateway.gateway.post.PostId;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/imports")
@Tag(name = "imports", description = "Bulk import of scheduled posts from CSV (sample: GET /imports/sample.csv on the pages)")
class ImportController {

    private final Imports imports;
    private final MessageSource messages;

    ImportController(Imports imports, MessageSource messages) {
        this.imports = imports;
        this.messages = messages;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a CSV of posts (UTF-8 with or without BOM, or Shift_JIS; at most 5 MiB); the import "
            + "runs in the background: follow it at the Location. 429 while you (or the instance) already have as many "
            + "imports running as allowed (gateway.imports.max-at-once-per-person, max-at-once)")
    ResponseEntity<ImportView> upload(Principal me, @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "ALL_OR_NOTHING") ImportMode mode) {
        PostImport accepted = imports.upload(me.getName(), file.getOriginalFilename(), () -> bytes(file), mode);
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + accepted.id()))
                .body(view(accepted, null, null));
    }

    @GetMapping
    @Operation(summary = "Imports, newest first: your own; admins and auditors see everyone's")
    List<ImportView> list(Principal me, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return imports.list(me.getName(), limit).stream().map(i -> view(i, null, null)).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One import with its counts, the errors of each rejected line and the posts it created")
    ImportView get(Principal me, @PathVariable long id) {
        PostImport found = imports.visible(me.getName(), id);
        return view(found, imports.errors(id), imports.posts(id));
    }

    @PostMapping("/{id}/restart")
    @Operation(summary = "Restart a FAILED import: it goes on after the last committed chunk, no line is imported twice")
    ResponseEntity<ImportView> restart(Principal me, @PathVariable long id) {
        return ResponseEntity.accepted().body(view(imports.restart(me.getName(), id), null, null));
    }

    private ImportView view(PostImport i, @Nullable List<RowError> errors, @Nullable List<PostId> posts) {
        return new ImportView(i.id(), i.author(), i.fileName(), i.charset(), i.mode(), i.status(), i.rows(),
                i.imported(), i.rejected(), i.message(), i.createdAt(), i.finishedAt(),
                errors == null ? null : errors.stream().map(this::view).toList(),
                posts == null ? null : posts.stream().map(PostId::toString).toList());
    }

    private ImportView.RowErrorView view(RowError error) {
        String message = messages.getMessage(error.code(), error.arguments().toArray(), error.code(),
                LocaleContextHolder.getLocale());
        return new ImportView.RowErrorView(error.line(), error.code(), message, error.arguments());
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
