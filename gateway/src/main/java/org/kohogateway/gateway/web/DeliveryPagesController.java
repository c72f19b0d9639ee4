package org.kohogateway.gateway.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.dispatch.SentPosts;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.UncertainDeliveries;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What people do about a delivery that did not go as planned, from the dashboard and "my posts": give held deliveries
 * a new time (who may approve the post), settle an UNCERTAIN delivery after looking on the platform, delete a sent
 * post on the platform (ADMIN, PR), and let an approved emergency post out during a pause (ADMIN). The services
 * decide who may; a refusal comes back as the form error on the page the form was on.
 */
@Controller
class DeliveryPagesController {

    /** The pages these forms are on; anything else goes back to the dashboard (never to another site). */
    private static final Set<String> BACK = Set.of("/", "/posts", "/press-release");
    private static final Pattern POST_PAGE = Pattern.compile(
            "/posts/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PostWorkflow workflow;
    private final UncertainDeliveries uncertain;
    private final SentPosts sentPosts;
    private final Pauses pauses;
    private final FindingLines lines;

    DeliveryPagesController(PostWorkflow workflow, UncertainDeliveries uncertain, SentPosts sentPosts, Pauses pauses,
            FindingLines lines) {
        this.workflow = workflow;
        this.uncertain = uncertain;
        this.sentPosts = sentPosts;
        this.pauses = pauses;
        this.lines = lines;
    }

    /** A new time (city time, from a datetime-local input) for the post's HELD deliveries. */
    @PostMapping("/posts/{id}/reschedule")
    String reschedule(Staff me, @PathVariable UUID id, @RequestParam(required = false) String scheduledAt,
            @RequestParam(required = false) List<String> acknowledge, @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        return act(redirect, back, "flash.rescheduled", () -> workflow.reschedule(me.username(), new PostId(id),
                cityTime(scheduledAt), acknowledge == null ? Set.of() : Set.copyOf(acknowledge)));
    }

    /** found: the post is on the platform (with its id or address); resend: it is not, so it is sent again now. */
    @PostMapping("/deliveries/{id}/resolve")
    String resolve(Staff me, @PathVariable UUID id, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String reference, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return act(redirect, back, "flash.resolved", () -> {
            if (!"found".equals(outcome) && !"resend".equals(outcome)) {
                throw new InvalidRequestException("page.resolveOutcomeRequired", "found or resend");
            }
            uncertain.resolve(me.username(), id, "found".equals(outcome),
                    reference == null || reference.isBlank() ? null : reference.strip(), reason);
        });
    }

    @PostMapping("/deliveries/{id}/delete")
    String delete(Staff me, @PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return act(redirect, back, "flash.deletedOnPlatform", () -> sentPosts.delete(me.username(), id, reason));
    }

    @PostMapping("/posts/{id}/emergency-override")
    String override(Staff me, @PathVariable UUID id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return act(redirect, back, "flash.overridden",
                () -> pauses.overrideForEmergency(me.username(), new PostId(id), reason));
    }

    private static Instant cityTime(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException("page.newTimeRequired", "choose the new time");
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(PagesController.CITY_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("page.badDateTime", "not a date and time: " + value, value);
        }
    }

    private String act(RedirectAttributes redirect, String back, String successCode, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", successCode);
        } catch (GatewayException e) {
            lines.flash(redirect, e, null, Map.of());
        }
        return "redirect:" + back(back);
    }

    /** Where a form sends the person back to: the page it was on, if it is one of the pages with such forms. */
    static String back(@Nullable String back) {
        return back != null && (BACK.contains(back) || POST_PAGE.matcher(back).matches()) ? back : "/";
    }
}
