package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.policy.PolicyListChange;
import org.kohogateway.gateway.policy.PolicyLists;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The rules' lists: everyone reads them, admins change them (audited), effective without a redeploy. A change that
 * weakens a list answers 202 with the request a second person confirms or refuses under {@code /api/policy/changes}.
 */
@RestController
@RequestMapping("/api/policy")
@Tag(name = "policy")
class PolicyListController {

    private final PolicyLists lists;

    PolicyListController(PolicyLists lists) {
        this.lists = lists;
    }

    record EntryRequest(@NotBlank @Size(max = PolicyLists.MAX_VALUE) String value,
            @Size(max = PolicyLists.MAX_REASON) String reason) {
    }

    @GetMapping("/lists/{list}")
    List<PolicyLists.Entry> entries(@PathVariable ListName list) {
        return lists.entries(list);
    }

    @PostMapping("/lists/{list}")
    @Operation(summary = "Add an entry (ADMIN): 201 at once, or 202 with a change request when it weakens the list")
    ResponseEntity<?> add(Principal me, @PathVariable ListName list, @Valid @RequestBody EntryRequest request) {
        PolicyLists.Outcome outcome = lists.add(me.getName(), list, request.value(), request.reason());
        return outcome.isPending() ? ResponseEntity.accepted().body(outcome.pending())
                : ResponseEntity.status(HttpStatus.CREATED).body(outcome.applied());
    }

    @DeleteMapping("/lists/{list}")
    @Operation(summary = "Remove an entry (ADMIN): 204 at once, or 202 with a change request when it weakens the list")
    ResponseEntity<?> remove(Principal me, @PathVariable ListName list, @RequestParam String value) {
        PolicyLists.Outcome outcome = lists.remove(me.getName(), list, value);
        return outcome.isPending() ? ResponseEntity.accepted().body(outcome.pending())
                : ResponseEntity.noContent().build();
    }

    @GetMapping("/changes")
    @Operation(summary = "Requests to weaken a list that wait for a second person")
    List<PolicyListChange> pending() {
        return lists.pendingChanges();
    }

    @PostMapping("/changes/{id}/confirm")
    @Operation(summary = "Confirm another person's request (ADMIN or PR_OFFICER, not the requester)")
    PolicyListChange confirm(Principal me, @PathVariable long id) {
        return lists.confirm(me.getName(), id);
    }

    @PostMapping("/changes/{id}/refuse")
    @Operation(summary = "Refuse another person's request (ADMIN or PR_OFFICER, not the requester)")
    PolicyListChange refuse(Principal me, @PathVariable long id) {
        return lists.refuse(me.getName(), id);
    }
}
