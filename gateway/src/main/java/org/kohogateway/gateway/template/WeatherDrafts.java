package org.kohogateway.gateway.template;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.kohogateway.gateway.audit.AuditTrail;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.GatewayException;
import org.kohogateway.gateway.weather.WeatherWarningChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A weather warning issued, upgraded or lifted drafts a post from each approved template of the weather department
 * that answers its kind and that change ({@link WarningAnswer}; issue 22, point 4): the placeholders it knows are filled — a TIME with the time JMA issued it (Japan
 * time), an AREA with the area if listed, a TEXT named 警報 or 種別 with the kind — and the rest stay for a person, the
 * policy rule blocking the post until they are filled. It only drafts: the template's author finds it among their
 * drafts, and it goes out through the ordinary route like any draft.
 */
@Component
class WeatherDrafts {

    /** The actor the audit trail names for what the weather feed did. */
    static final String ACTOR = "weather";
    private static final Set<String> KIND_NAMES = Set.of("警報", "種別", "警報名");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH時mm分")
            .withZone(ZoneId.of("Asia/Tokyo"));
    private static final Logger log = LoggerFactory.getLogger(WeatherDrafts.class);

    private final PostTemplates templates;
    private final PostWorkflow posts;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final WeatherDraftLog drafted;
    private final Clock clock;
    /** Each draft in its own transaction: one refused (its author left) leaves the others and the refusal's record. */
    private final TransactionTemplate eachDraft;

    WeatherDrafts(PostTemplates templates, PostWorkflow posts, StaffDirectory staff, AuditTrail audit,
            WeatherDraftLog drafted, PlatformTransactionManager transactions, Clock clock) {
        this.templates = templates;
        this.posts = posts;
        this.staff = staff;
        this.audit = audit;
        this.drafted = drafted;
        this.clock = clock;
        this.eachDraft = new TransactionTemplate(transactions);
        eachDraft.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @ApplicationModuleListener
    void on(WeatherWarningChanged warning) {
        if (warning.departmentCode() == null) {
            return;
        }
        staff.departmentByCode(warning.departmentCode()).ifPresent(department -> {
            for (PostTemplate template : templates.answering(department.id(), warning.kindCode())) {
                if (template.warningAnswer().answers(warning.change())) {
                    draft(template, warning);
                }
            }
        });
    }

    private void draft(PostTemplate template, WeatherWarningChanged warning) {
        Map<String, String> known = new LinkedHashMap<>();
        for (Placeholder p : template.placeholders()) {
            switch (p.type()) {
                case TIME -> known.put(p.name(), TIME.format(warning.reportedAt()));
                case AREA -> {
                    if (p.choices().contains(warning.areaName())) {
                        known.put(p.name(), warning.areaName());
                    }
                }
                case TEXT -> {
                    if (KIND_NAMES.contains(p.name()) && warning.kindName().length() <= p.maxLength()) {
                        known.put(p.name(), warning.kindName());
                    }
                }
            }
        }
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("template", template.id());
        origin.put("templateVersion", template.version());
        origin.put("weatherWarningEvent", warning.warningEventId());
        origin.put("draftedBy", ACTOR);
        String subject = template.id() + "/" + template.version();
        try {
            eachDraft.executeWithoutResult(status -> {
                NewPost post = NewPost.of(template.render(known), List.of(), template.category(),
                        template.accountIds(), null);
                Post draft = posts.createFrom(staff.byId(template.authorId()).username(),
                        template.drill() ? post.asDrill() : post, origin);
                drafted.record(draft.id(), template, warning, clock.instant());
                audit.record(ACTOR, "WEATHER_DRAFT_CREATED", "TEMPLATE", subject, null, null, Map.of("post",
                        draft.id().toString(), "kind", warning.kindName(), "area", warning.areaName(), "filled",
                        List.copyOf(known.keySet()), "weatherWarningEvent", warning.warningEventId()));
            });
        } catch (GatewayException refused) {
            // the author may have left or lost the role: the department is told of the warning all the same
            log.warn("no draft from template {} for weather warning {}: {}", subject, warning.warningEventId(),
                    refused.getMessage());
            audit.record(ACTOR, "WEATHER_DRAFT_REFUSED", "TEMPLATE", subject, null, null, Map.of("reason",
                    refused.getMessage(), "weatherWarningEvent", warning.warningEventId()));
        }
    }
}
