package org.kohogateway.gateway.web;

import static org.kohogateway.gateway.web.FormValues.orEmpty;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.incident.Incident;
import org.kohogateway.gateway.incident.IncidentKind.ResponseStep;
import org.kohogateway.gateway.incident.IncidentKind;
import org.kohogateway.gateway.incident.Incidents;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Incidents (guideline §7-②): the open and closed ones, recording one (flame war, impersonation, hoax), ticking the
 * guideline's response steps with a note, closing once every step is done. {@link Incidents} decides who may (PR
 * officers, department heads, admins; auditors read) and refuses a close with steps open — shown as a form error.
 */
@Controller
class IncidentPagesController {

    private final Incidents incidents;
    private final OfficialAccounts accounts;
    private final StaffDirectory staff;
    private final FormErrors errors;

    IncidentPagesController(Incidents incidents, OfficialAccounts accounts, StaffDirectory staff, FormErrors errors) {
        this.incidents = incidents;
        this.accounts = accounts;
        this.staff = staff;
        this.errors = errors;
    }

    @GetMapping("/incidents")
    String list(Staff me, Model model) {
        return listPage(me, model);
    }

    @PostMapping("/incidents")
    String report(Staff me, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String accountId, @RequestParam(required = false) String summary,
            Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            Incident recorded = incidents.report(me.username(), kind(kind), accountId(accountId), summary);
            redirect.addFlashAttribute("flash", "flash.incidentReported");
            return "redirect:/incidents/" + recorded.id();
        } catch (GatewayException e) {
            errors.show(model, response, "report", e);
            model.addAttribute("reportForm", Map.of("kind", orEmpty(kind), "accountId", orEmpty(accountId),
                    "summary", orEmpty(summary)));
            return listPage(me, model);
        }
    }

    @GetMapping("/incidents/{id}")
    String detail(Staff me, @PathVariable long id, Model model) {
        return detailPage(me, id, model);
    }

    @PostMapping("/incidents/{id}/steps/{step}")
    String completeStep(Staff me, @PathVariable long id, @PathVariable ResponseStep step,
            @RequestParam(required = false) String note, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            incidents.completeStep(me.username(), id, step, note);
            redirect.addFlashAttribute("flash", "flash.incidentStepDone");
            return "redirect:/incidents/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            // a step of another kind has no form of its own on this page: the refusal goes above the list
            boolean ofThisKind = incidents.get(id).kind().steps().contains(step);
            errors.show(model, response, ofThisKind ? "step-" + step : "steps", e);
            model.addAttribute("typedNote", note);
            return detailPage(me, id, model);
        }
    }

    @PostMapping("/incidents/{id}/close")
    String close(Staff me, @PathVariable long id, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            incidents.close(me.username(), id);
            redirect.addFlashAttribute("flash", "flash.incidentClosed");
            return "redirect:/incidents/" + id;
        } catch (NotFoundException e) {
            throw e;
        } catch (GatewayException e) {
            errors.show(model, response, "close", e);
            return detailPage(me, id, model);
        }
    }

    private String listPage(Staff me, Model model) {
        Readers reader = Readers.of(me);
        List<Incident> all = incidents.readable(reader.readerId(), reader.departmentId(), null);
        model.addAttribute("openIncidents", all.stream().filter(i -> "OPEN".equals(i.status())).toList());
        model.addAttribute("closedIncidents", all.stream().filter(i -> !"OPEN".equals(i.status())).toList());
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("incidentAccounts", accounts.all().stream()
                .sorted(Comparator.comparing(OfficialAccount::departmentId).thenComparing(OfficialAccount::id))
                .toList());
        model.addAttribute("responder", me.respondsToIncidents());
        model.addAttribute("maxText", Incidents.MAX_TEXT);
        return "incidents";
    }

    private String detailPage(Staff me, long id, Model model) {
        Readers reader = Readers.of(me);
        // one this person may not read is not found, as on the API: its existence does not leak
        Incident incident = incidents.readable(id, reader.readerId(), reader.departmentId(), null);
        model.addAttribute("incident", incident);
        model.addAttribute("incidentAccount", incident.accountId() == null ? null
                : accounts.find(incident.accountId()).orElse(null));
        model.addAttribute("allDone", incident.steps().stream().allMatch(Incident.Step::done));
        model.addAttribute("responder", me.respondsToIncidents());
        model.addAttribute("maxText", Incidents.MAX_TEXT);
        return "incident";
    }

    private static @Nullable IncidentKind kind(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return IncidentKind.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("incident.kindRequired", "no incident kind " + value);
        }
    }

    private static @Nullable Long accountId(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("account.notFound", "no account " + value, value);
        }
    }
}
