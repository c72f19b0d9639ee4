package org.kohogateway.gateway.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.kohogateway.gateway.crisis.Pauses;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostFilter;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.post.SendLog;
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
    private static final int HANDLED_LIMIT = 100;
    private static final int RECENTLY_SENT = 20;

    /** A delivery of one of my posts that did not go out as planned. */
    record Attention(Post post, Delivery delivery) {
    }

    /** One line of the agenda. */
    record AgendaItem(Instant dueAt, long accountId, String text, PostId postId) {
    }

    private final PostWorkflow workflow;
    private final StaffDirectory staff;
    private final SendLog sendLog;
    private final Pauses pauses;

    PagesController(PostWorkflow workflow, StaffDirectory staff, SendLog sendLog, Pauses pauses) {
        this.pauses = pauses;
        this.workflow = workflow;
        this.staff = staff;
        this.sendLog = sendLog;
    }

    @GetMapping("/")
    String dashboard(Staff me, Model model) {
        List<Post> mine = workflow.list(new PostFilter(Readers.of(me), me.id(), null, 100));
        model.addAttribute("inboxCount", me.mayDecidePosts()
                ? workflow.inbox(me.username(), Readers.of(me)).size() : 0);
        List<Attention> attention = new java.util.ArrayList<>(mine.stream()
                .flatMap(p -> p.deliveries().stream().filter(d -> NEEDS_ATTENTION.contains(d.status()))
                        .map(d -> new Attention(p, d)))
                .toList());
        addHandled(me, attention, model);
        model.addAttribute("attention", attention);
        model.addAttribute("recentlySent", me.handlesEveryAccount()
                ? attention(sendLog.list(DeliveryStatus.SENT, null, RECENTLY_SENT)) : List.of());
        model.addAttribute("drafts", mine.stream().filter(p -> p.status() == PostStatus.DRAFT).count());
        model.addAttribute("rejected", mine.stream().filter(p -> p.status() == PostStatus.REJECTED).toList());
        model.addAttribute("agenda", agenda(me, model));
        return "dashboard";
    }

    /**
     * Besides my own posts, the deliveries I can do something about: held ones of my department's accounts for an
     * approver (a new time or cancel), held and uncertain ones of every account for PR and admins (new time, cancel,
     * settle, emergency override). The database picks what I see, earliest first, before the limit applies.
     */
    private void addHandled(Staff me, List<Attention> attention, Model model) {
        boolean all = me.handlesEveryAccount();
        if (!all && !me.mayDecidePosts()) {
            return;
        }
        List<DeliveryView> held = sendLog.held(all ? null : me.departmentId(), HANDLED_LIMIT + 1);
        model.addAttribute("heldTruncated", held.size() > HANDLED_LIMIT);
        List<DeliveryView> handled = new java.util.ArrayList<>(held.stream().limit(HANDLED_LIMIT).toList());
        if (all) {
            handled.addAll(sendLog.list(DeliveryStatus.UNCERTAIN, null, HANDLED_LIMIT));
        }
        Set<java.util.UUID> shown = attention.stream().map(a -> a.delivery().id()).collect(Collectors.toSet());
        attention(handled).stream().filter(a -> shown.add(a.delivery().id())).forEach(attention::add);
        if (me.mayOverridePauses() && !pauses.active().isEmpty()) {
            // during a pause an admin may let approved emergency posts out (§6-③ イ): show those waiting
            attention(sendLog.scheduled(null, PostCategory.EMERGENCY, HANDLED_LIMIT)).stream()
                    .filter(a -> a.post().status() == PostStatus.APPROVED)
                    .filter(a -> shown.add(a.delivery().id())).forEach(attention::add);
        }
    }

    /** The posts and deliveries behind delivery views (those whose post can no longer be read are left out). */
    private List<Attention> attention(List<DeliveryView> views) {
        Map<PostId, Post> posts = new HashMap<>();
        List<Attention> result = new java.util.ArrayList<>();
        for (DeliveryView v : views) {
            Post post = posts.computeIfAbsent(v.postId(), id -> {
                try {
                    return workflow.get(id);
                } catch (GatewayException e) {
                    return null;
                }
            });
            if (post != null) {
                post.deliveries().stream().filter(d -> d.id().equals(v.id())).findFirst()
                        .ifPresent(d -> result.add(new Attention(post, d)));
            }
        }
        return result;
    }

    /**
     * Scheduled deliveries grouped by day in city time, nearest first: the accounts of my department, or every account
     * for those who look after all of them (PR, admin, audit).
     */
    private Map<LocalDate, List<AgendaItem>> agenda(Staff me, Model model) {
        boolean all = me.readsEveryAccount();
        List<DeliveryView> scheduled = sendLog.scheduled(all ? null : me.departmentId(), null, AGENDA_LIMIT + 1);
        model.addAttribute("agendaTruncated", scheduled.size() > AGENDA_LIMIT);
        Map<PostId, String> texts = new HashMap<>();
        Map<LocalDate, List<AgendaItem>> days = new TreeMap<>();
        for (DeliveryView d : scheduled.stream().limit(AGENDA_LIMIT).toList()) {
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
