package org.kohogateway.gateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The dashboard: compose, my posts, and what waits for my decision. */
@Controller
class PagesController {

    /** Times typed into forms are city-hall time. */
    static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");

    private final PostWorkflow workflow;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final Pauses pauses;

    PagesController(PostWorkflow workflow, StaffDirectory staff, OfficialAccounts accounts, Pauses pauses) {
        this.workflow = workflow;
        this.staff = staff;
        this.accounts = accounts;
        this.pauses = pauses;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(Principal principal, Model model) {
        Staff me = staff.byUsername(principal.getName());
        model.addAttribute("me", me);
        model.addAttribute("department", staff.department(me.departmentId()));
        model.addAttribute("accounts", accounts.all().stream().filter(a -> a.active()).toList());
        model.addAttribute("categories", PostCategory.values());
        model.addAttribute("myPosts", workflow.list(new PostFilter(me.id(), null, 50)));
        model.addAttribute("inbox", workflow.inbox(me.username()));
        model.addAttribute("zone", CITY_TIME);
        model.addAttribute("pauses", pauses.active());
        return "home";
    }

    @PostMapping("/posts")
    String compose(Principal principal, @RequestParam String text, @RequestParam(required = false) String links,
            @RequestParam PostCategory category, @RequestParam(required = false) List<Long> accountIds,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime scheduledAt,
            RedirectAttributes redirect) {
        return act(redirect, "flash.created", () -> workflow.create(principal.getName(),
                NewPost.of(text, parseLinks(links), category, accountIds == null ? List.of() : accountIds,
                        scheduledAt == null ? null : scheduledAt.atZone(CITY_TIME).toInstant())));
    }

    @PostMapping("/posts/{id}/submit")
    String submit(Principal principal, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, "flash.submitted", () -> workflow.submit(principal.getName(), new PostId(id)));
    }

    @PostMapping("/posts/{id}/withdraw")
    String withdraw(Principal principal, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, "flash.withdrawn", () -> workflow.withdraw(principal.getName(), new PostId(id)));
    }

    @PostMapping("/posts/{id}/approve")
    String approve(Principal principal, @PathVariable UUID id, @RequestParam(required = false) String comment,
            @RequestParam(required = false) List<String> acknowledge, RedirectAttributes redirect) {
        return act(redirect, "flash.approved", () -> workflow.approve(principal.getName(), new PostId(id), comment,
                acknowledge == null ? Set.of() : Set.copyOf(acknowledge)));
    }

    @PostMapping("/posts/{id}/reject")
    String reject(Principal principal, @PathVariable UUID id, @RequestParam(required = false) String comment,
            RedirectAttributes redirect) {
        return act(redirect, "flash.rejected", () -> workflow.reject(principal.getName(), new PostId(id), comment));
    }

    private static String act(RedirectAttributes redirect, String successCode, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            redirect.addFlashAttribute("errorCode", e.code());
            redirect.addFlashAttribute("errorArgs", e.arguments());
        }
        return "redirect:/";
    }

    private static List<URI> parseLinks(String links) {
        if (links == null || links.isBlank()) {
            return List.of();
        }
        return Arrays.stream(links.split("\\s+")).filter(s -> !s.isBlank()).map(s -> {
            try {
                return new URI(s);
            } catch (URISyntaxException e) {
                throw new InvalidRequestException("post.badLink", "not a web link: " + s, s);
            }
        }).toList();
    }
}
