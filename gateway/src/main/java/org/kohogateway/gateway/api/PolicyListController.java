package org.kohogateway.gateway.api;

import java.security.Principal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.kohogateway.gateway.policy.ListName;
import org.kohogateway.gateway.policy.PolicyLists;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The rules' lists: everyone reads them, admins change them (audited), effective without a redeploy. */
@RestController
@RequestMapping("/api/policy/lists")
@Tag(name = "policy")
class PolicyListController {

    private final PolicyLists lists;

    PolicyListController(PolicyLists lists) {
        this.lists = lists;
    }

    record EntryRequest(@NotBlank @Size(max = PolicyLists.MAX_VALUE) String value,
            @Size(max = PolicyLists.MAX_REASON) String reason) {
    }

    @GetMapping("/{list}")
    List<PolicyLists.Entry> entries(@PathVariable ListName list) {
        return lists.entries(list);
    }

    @PostMapping("/{list}")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an entry (ADMIN)")
    PolicyLists.Entry add(Principal me, @PathVariable ListName list, @Valid @RequestBody EntryRequest request) {
        return lists.add(me.getName(), list, request.value(), request.reason());
    }

    @DeleteMapping("/{list}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an entry (ADMIN)")
    void remove(Principal me, @PathVariable ListName list, @RequestParam String value) {
        lists.remove(me.getName(), list, value);
    }
}
