package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.incident.Incident;
import org.kohogateway.gateway.incident.IncidentKind;
import org.kohogateway.gateway.incident.IncidentKind.ResponseStep;
import org.kohogateway.gateway.incident.Incidents;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "incidents", description = "Flame wars, impersonation and hoaxes with the guideline's response steps (§7-②)")
class IncidentController {

    private final Incidents incidents;
    private final ApiReaders readers;

    IncidentController(Incidents incidents, ApiReaders readers) {
        this.incidents = incidents;
        this.readers = readers;
    }

    record Report(@NotNull IncidentKind kind, Long accountId,
            @NotBlank @Size(max = Incidents.MAX_TEXT) String summary) {
    }

    record StepDone(@NotBlank @Size(max = Incidents.MAX_TEXT) String note) {
    }

    @GetMapping("/api/incidents")
    @Operation(summary = "The incidents you may read: of your department's accounts and those you reported (all for PR, "
            + "admins and auditors); within a token's accounts")
    List<Incident> list(Staff me) {
        Readers reader = readers.of(me);
        return incidents.readable(reader.readerId(), reader.departmentId(), reader.accountIds());
    }

    @GetMapping("/api/incidents/{id}")
    @Operation(summary = "One incident, if you may read it (else 404, as for one that does not exist)")
    Incident get(Staff me, @PathVariable long id) {
        Readers reader = readers.of(me);
        return incidents.readable(id, reader.readerId(), reader.departmentId(), reader.accountIds());
    }

    @PostMapping("/api/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an incident; its checklist comes from the guideline")
    Incident report(Principal me, @Valid @RequestBody Report report) {
        return incidents.report(me.getName(), report.kind(), report.accountId(), report.summary());
    }

    @PostMapping("/api/incidents/{id}/steps/{step}")
    @Operation(summary = "Record that a response step was done, with a note")
    Incident step(Principal me, @PathVariable long id, @PathVariable ResponseStep step,
            @Valid @RequestBody StepDone done) {
        return incidents.completeStep(me.getName(), id, step, done.note());
    }

    @PostMapping("/api/incidents/{id}/close")
    @Operation(summary = "Close an incident once every step is done")
    Incident close(Principal me, @PathVariable long id) {
        return incidents.close(me.getName(), id);
    }
}
