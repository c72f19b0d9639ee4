package org.kohogateway.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.importing.ImportMode;
import org.kohogateway.gateway.importing.ImportedRow;
import org.kohogateway.gateway.importing.Imports;
import org.kohogateway.gateway.importing.PostImport;
import org.kohogateway.gateway.importing.RowError;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The bulk import page: upload a CSV (UTF-8 or Shift_JIS) in either mode, the history with each import's status, one
 * import's row errors by line and the posts it created, the restart of a failed import, and the sample file.
 * {@link Imports} checks the file and who may do what; a refusal is a form error.
 */
@Controller
class ImportPagesController {

    /** What one page shows of a very large import; the API lists everything. */
    static final int SHOWN = 500;
    private static final int HISTORY = 50;

    private final Imports imports;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final MessageSource messages;
    private final FormErrors errors;

    ImportPagesController(Imports imports, StaffDirectory staff, OfficialAccounts accounts, MessageSource messages,
            FormErrors errors) {
        this.imports = imports;
        this.staff = staff;
        this.accounts = accounts;
        this.messages = messages;
        this.errors = errors;
    }

    /** One rejected line as the page shows it, in the person's language. */
    record ErrorLine(int line, String message) {
    }

    @GetMapping("/imports")
    String list(Staff me, Model model) {
        return listPage(me, model, null);
    }

    @PostMapping("/imports")
    String upload(Staff me, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String mode, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            PostImport accepted = imports.upload(me.username(),
                    file == null ? null : file.getOriginalFilename(), () -> bytes(file), mode(mode));
            redirect.addFlashAttribute("flash", "flash.importAccepted");
            return "redirect:/imports/" + accepted.id();
        } catch (GatewayException e) {
            errors.show(model, response, "import", e);
            return listPage(me, model, mode);
        }
    }

    @GetMapping("/imports/sample.csv")
    ResponseEntity<byte[]> sample() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("import-sample.csv").build().toString())
                .body(imports.sample());
    }

    @GetMapping("/imports/{id}")
    String detail(Staff me, @PathVariable long id, Model model) {
        return detailPage(me, id, model);
    }

    @PostMapping("/imports/{id}/restart")
    String restart(Staff me, @PathVariable long id, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            imports.restart(me.username(), id);
            redirect.addFlashAttribute("flash", "flash.importRestarted");
            return "redirect:/imports/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            errors.show(model, response, "restart", e);
            return detailPage(me, id, model);
        }
    }

    private String listPage(Staff me, Model model, @Nullable String mode) {
        model.addAttribute("imports", imports.list(me.username(), HISTORY));
        model.addAttribute("modes", ImportMode.values());
        model.addAttribute("columns", Imports.columns());
        model.addAttribute("mode", mode == null || mode.isBlank() ? ImportMode.ALL_OR_NOTHING.name() : mode);
        model.addAttribute("mayUpload", me.mayWritePosts());
        // the ids the account_ids column takes: the accounts this person may post to, as on the compose page
        model.addAttribute("targets", accounts.choosableBy(me));
        return "imports";
    }

    private String detailPage(Staff me, long id, Model model) {
        PostImport found = imports.visible(me.username(), id);
        List<RowError> rowErrors = imports.errors(id);
        List<ImportedRow> posts = imports.importedRows(id);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("imp", found);
        model.addAttribute("running", found.inProgress());
        model.addAttribute("mayRestart", found.mayRestart(me));
        model.addAttribute("rowErrors", rowErrors.stream().limit(SHOWN)
                .map(e -> new ErrorLine(e.line(), messages.getMessage(e.code(), e.arguments().toArray(), e.code(),
                        locale)))
                .toList());
        model.addAttribute("moreErrors", Math.max(0, rowErrors.size() - SHOWN));
        model.addAttribute("posts", posts.stream().limit(SHOWN).toList());
        model.addAttribute("morePosts", Math.max(0, posts.size() - SHOWN));
        return "import";
    }

    private static @Nullable ImportMode mode(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ImportMode.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("import.modeRequired", "no import mode " + value);
        }
    }

    private static byte @Nullable [] bytes(@Nullable MultipartFile file) {
        if (file == null) {
            return null;
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
