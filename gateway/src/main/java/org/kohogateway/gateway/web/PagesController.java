package org.kohogateway.gateway.web;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Deliveries.DeliveryView;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard: what needs me now, and the agenda of scheduled deliveries by day (city time). */
@Controller
class PagesController {

    /** Times typed into forms and shown on pages are city-hall time. */
    static final ZoneId CITY_TIME = ZoneId.of("Asia/Tokyo");

    private static final Set<DeliveryStatus> NEEDS_ATTENTION = EnumSet.of(DeliveryStatus.HELD, DeliveryStatus.FAILED,
            DeliveryStatus.UNCERTAIN);
    private static final int AGENDA_LIMIT = 200;

    /** A delivery of one of my posts that did not go out as planned. */
    record Attention(Post post, Delivery delivery) {
    }

    /** One line of the agenda. */
    record AgendaItem(Instant dueAt, long accountId, String text, PostId postId) {
    }

    private final PostWorkflow workflow;
    private final StaffDirectory staff;
    private final OfficialAccounts accounts;
    private final Deliveries deliveries;

    PagesController(PostWorkflow workflow, StaffDirectory staff, OfficialAccounts accounts, Deliveries deliveries) {
        this.workflow = workflow;
        this.staff = staff;
        this.accounts = accounts;
        this.deliveries = deliveries;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String dashboard(Principal principal, Model model) {
        Staff me = staff.byUsername(principal.getName());
        List<Post> mine = workflow.list(new PostFilter(me.id(), null, 100));
        model.addAttribute("inboxCount", me.has(Role.APPROVER) || me.has(Role.PR_OFFICER)
                ? workflow.inbox(me.username()).size() : 0);
        model.addAttribute("attention", mine.stream()
                .flatMap(p -> p.deliveries().stream().filter(d -> NEEDS_ATTENTION.contains(d.status()))
                        .map(d -> new Attention(p, d)))
                .toList());
        model.addAttribute("drafts", mine.stream().filter(p -> p.status() == PostStatus.DRAFT).count());
        model.addAttribute("rejected", mine.stream().filter(p -> p.status() == PostStatus.REJECTED).toList());
        model.addAttribute("agenda", agenda(me));
        return "dashboard";
    }

    /**
     * Scheduled deliveries grouped by day in city time: the accounts of my department, or every account for those who
     * look after all of them (PR, admin, audit).
     */
    private Map<LocalDate, List<AgendaItem>> agenda(Staff me) {
        boolean all = me.has(Role.PR_OFFICER) || me.has(Role.ADMIN) || me.has(Role.AUDITOR);
        Set<Long> mine = accounts.all().stream().filter(a -> a.departmentId() == me.departmentId())
                .map(OfficialAccount::id).collect(Collectors.toSet());
        List<DeliveryView> scheduled = deliveries.list(DeliveryStatus.SCHEDULED, null, AGENDA_LIMIT).stream()
                .filter(d -> d.dueAt() != null && (all || mine.contains(d.accountId())))
                .sorted(Comparator.comparing(DeliveryView::dueAt)).toList();
        Map<PostId, String> texts = new HashMap<>();
        Map<LocalDate, List<AgendaItem>> days = new TreeMap<>();
        for (DeliveryView d : scheduled) {
            String text = texts.computeIfAbsent(d.postId(), this::text);
            days.computeIfAbsent(d.dueAt().atZone(CITY_TIME).toLocalDate(), k -> new java.util.ArrayList<>())
                    .add(new AgendaItem(d.dueAt(), d.accountId(), text, d.postId()));
        }
        return days;
    }

    private String text(PostId id) {
        try {
            return workflow.get(id).content().text();
        } catch (GatewayException e) {
            return "";
        }
    }
}
