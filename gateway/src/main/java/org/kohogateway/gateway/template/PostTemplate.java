package org.kohogateway.gateway.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.support.IllegalTransitionException;
import org.kohogateway.gateway.support.InvalidRequestException;
import org.kohogateway.gateway.support.NotPermittedException;

/**
 * One version of a department's post template, with its approval state machine: DRAFT → SUBMITTED → APPROVED or
 * REJECTED (back to DRAFT by an edit); an APPROVED version is RETIRED when a newer one is approved. Like a post, nobody
 * approves their own: the department's APPROVER (所属長) who did not write the version decides. Each transition refuses
 * a state it does not apply to, naming the state.
 * <p>
 * Over 350 lines: the state machine and the checks of what a version may say (placeholders, markers, kinds) belong to
 * one aggregate, which refuses a bad draft before it changes anything.
 */
public final class PostTemplate {

    public static final int MAX_TEXT = 5_000;
    public static final int MAX_NAME = 100;
    public static final int MAX_PLACEHOLDERS = 20;
    private static final Pattern MARKER = Pattern.compile("\\{\\{([^{}\\n]{0,40})}}");
    private static final Pattern KIND_CODE = Pattern.compile("\\d{2}");

    private final long id;
    private final int version;
    private final long departmentId;
    private String name;
    private String text;
    private List<Placeholder> placeholders;
    private List<Long> accountIds;
    private PostCategory category;
    private List<String> warningKinds;
    private WarningAnswer warningAnswer;
    private TemplateStatus status;
    private final long authorId;
    private @Nullable Long decidedBy;
    private @Nullable Instant decidedAt;
    private @Nullable String decisionComment;
    private Instant updatedAt;
    /** A drill template (訓練): every post filled from it is a drill. The template's, not a version's; fixed. */
    private final boolean drill;
    private final List<Change> changes = new ArrayList<>();

    /** What the audit trail records of a transition. */
    record Change(String action, @Nullable TemplateStatus before, TemplateStatus after, Map<String, Object> detail) {
    }

    PostTemplate(long id, int version, long departmentId, String name, String text, List<Placeholder> placeholders,
            List<Long> accountIds, PostCategory category, List<String> warningKinds, WarningAnswer warningAnswer,
            TemplateStatus status, long authorId, @Nullable Long decidedBy, @Nullable Instant decidedAt, @Nullable String decisionComment,
            Instant updatedAt, boolean drill) {
        this.id = id;
        this.drill = drill;
        this.version = version;
        this.departmentId = departmentId;
        this.name = name;
        this.text = text;
        this.placeholders = List.copyOf(placeholders);
        this.accountIds = List.copyOf(accountIds);
        this.category = category;
        this.warningKinds = List.copyOf(warningKinds);
        this.warningAnswer = warningAnswer;
        this.status = status;
        this.authorId = authorId;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.decisionComment = decisionComment;
        this.updatedAt = updatedAt;
    }

    /** A new version written by {@code author}: the first of a template, or the next after an approved one. */
    static PostTemplate write(long id, int version, long departmentId, Staff author, TemplateDraft draft,
            boolean drill, Instant now) {
        PostTemplate template = new PostTemplate(id, version, departmentId, "", "", List.of(), List.of(),
                PostCategory.EMERGENCY, List.of(), WarningAnswer.ISSUED, TemplateStatus.DRAFT, author.id(), null, null, null, now, drill);
        template.apply(draft);
        template.changes.add(new Change("TEMPLATE_WRITTEN", null, TemplateStatus.DRAFT, template.detail()));
        return template;
    }

    /**
     * Refuses an edit that says the template is other than it is: a drill template never becomes a live one (its
     * posts would go public), nor a live one a drill; either is a new template.
     *
     * @param asked what the edit says, or null when it does not say
     */
    void requireDrill(@Nullable Boolean asked) {
        if (asked != null && asked != drill) {
            throw new IllegalTransitionException("template.drillFixed", "the template is "
                    + (drill ? "a DRILL" : "LIVE") + " and " + status + " and stays so: write a new template instead",
                    drill ? "DRILL" : "LIVE", status);
        }
    }

    /** Changes this version in place: a draft, or a rejected one (which becomes a draft again). */
    void revise(Staff actor, TemplateDraft draft, Instant now) {
        requireAuthor(actor, "edit");
        requireStatus("edit", TemplateStatus.DRAFT, TemplateStatus.REJECTED);
        TemplateStatus before = status;
        apply(draft);
        status = TemplateStatus.DRAFT;
        decidedBy = null;
        decidedAt = null;
        decisionComment = null;
        updatedAt = now;
        changes.add(new Change("TEMPLATE_EDITED", before, status, detail()));
    }

    void submit(Staff actor, Instant now) {
        requireAuthor(actor, "submit");
        requireStatus("submit", TemplateStatus.DRAFT);
        transition(TemplateStatus.SUBMITTED, "TEMPLATE_SUBMITTED", now, Map.of());
    }

    void approve(Staff approver, @Nullable String comment, Instant now) {
        requireStatus("approve", TemplateStatus.SUBMITTED);
        requireHead(approver);
        decide(approver, comment, now);
        transition(TemplateStatus.APPROVED, "TEMPLATE_APPROVED", now, Map.of("comment", comment == null ? "" : comment,
                "author", authorId));
    }

    void reject(Staff approver, @Nullable String comment, Instant now) {
        requireStatus("reject", TemplateStatus.SUBMITTED);
        requireHead(approver);
        if (comment == null || comment.isBlank()) {
            throw new InvalidRequestException("template.rejectNeedsComment", "a rejection needs a comment for the author");
        }
        decide(approver, comment, now);
        transition(TemplateStatus.REJECTED, "TEMPLATE_REJECTED", now, Map.of("comment", comment));
    }

    /** Replaced by a newer approved version. */
    void retire(Instant now) {
        requireStatus("retire", TemplateStatus.APPROVED);
        transition(TemplateStatus.RETIRED, "TEMPLATE_RETIRED", now, Map.of());
    }

    /** Only an approved version is filled. */
    void requireUsable() {
        requireStatus("fill", TemplateStatus.APPROVED);
    }

    /** The names of the placeholders a text uses, in the order they first appear: what its author must declare. */
    public static List<String> markers(String text) {
        Matcher m = MARKER.matcher(text);
        Set<String> names = new LinkedHashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /** The text with each placeholder replaced by its value; a placeholder without one stays as its marker. */
    String render(Map<String, String> values) {
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text as the rules check it before approval: each placeholder replaced by a sample value. */
    String sampleText() {
        Map<String, String> samples = new LinkedHashMap<>();
        placeholders.forEach(p -> samples.put(p.name(), p.sample()));
        return render(samples);
    }

    private void apply(TemplateDraft draft) {
        if (draft.name() == null || draft.name().isBlank() || draft.name().strip().length() > MAX_NAME) {
            throw new InvalidRequestException("template.nameRequired", "a template needs a name of at most " + MAX_NAME
                    + " characters", MAX_NAME);
        }
        if (draft.text() == null || draft.text().isBlank()) {
            throw new InvalidRequestException("template.textRequired", "the text must not be empty");
        }
        if (draft.text().length() > MAX_TEXT) {
            throw new InvalidRequestException("template.textTooLong", "the text is longer than " + MAX_TEXT, MAX_TEXT);
        }
        List<Placeholder> declared = draft.placeholders() == null ? List.of() : List.copyOf(draft.placeholders());
        if (declared.size() > MAX_PLACEHOLDERS) {
            throw new InvalidRequestException("template.tooManyPlaceholders",
                    "at most " + MAX_PLACEHOLDERS + " placeholders", MAX_PLACEHOLDERS);
        }
        Set<String> names = new HashSet<>();
        declared.forEach(p -> {
            if (!names.add(p.name())) {
                throw new InvalidRequestException("template.duplicatePlaceholder",
                        "placeholder " + p.name() + " is declared twice", p.name());
            }
        });
        Set<String> used = new HashSet<>();
        Matcher m = MARKER.matcher(draft.text());
        while (m.find()) {
            if (!names.contains(m.group(1))) {
                throw new InvalidRequestException("template.undeclaredPlaceholder",
                        m.group() + " is in the text but not declared with its type", m.group());
            }
            used.add(m.group(1));
        }
        names.removeAll(used);
        if (!names.isEmpty()) {
            throw new InvalidRequestException("template.unusedPlaceholder",
                    "declared but not in the text: " + String.join(", ", names), String.join(", ", names));
        }
        List<String> kinds = draft.warningKinds() == null ? List.of()
                : draft.warningKinds().stream().map(k -> k == null ? "" : k.strip()).distinct().toList();
        kinds.forEach(k -> {
            if (!KIND_CODE.matcher(k).matches()) {
                throw new InvalidRequestException("template.badWarningKind",
                        "a warning kind is JMA's two-digit code, such as 03 for 大雨警報: " + k, k);
            }
        });
        name = draft.name().strip();
        text = draft.text();
        placeholders = declared;
        accountIds = List.copyOf(draft.accountIds());
        category = draft.category() == null ? PostCategory.EMERGENCY : draft.category();
        warningKinds = kinds;
        warningAnswer = draft.warningAnswer() == null ? WarningAnswer.ISSUED : draft.warningAnswer();
    }

    private void requireHead(Staff approver) {
        if (approver.id() == authorId) {
            throw new NotPermittedException("template.selfApproval", "nobody approves their own template");
        }
        if (!approver.has(Role.APPROVER) || approver.departmentId() != departmentId) {
            throw new NotPermittedException("template.notHead",
                    "a template is approved by an APPROVER (所属長) of its department");
        }
    }

    private void requireAuthor(Staff actor, String action) {
        if (actor.id() != authorId) {
            throw new NotPermittedException("template.notAuthor",
                    "only the author of this version may " + action + " it", action);
        }
    }

    private void requireStatus(String action, TemplateStatus... allowed) {
        for (TemplateStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw new IllegalTransitionException("template.illegalTransition",
                "cannot " + action + " a template version that is " + status, action, status);
    }

    private void decide(Staff approver, @Nullable String comment, Instant now) {
        decidedBy = approver.id();
        decidedAt = now;
        decisionComment = comment;
    }

    private void transition(TemplateStatus next, String action, Instant now, Map<String, Object> detail) {
        TemplateStatus before = status;
        status = next;
        updatedAt = now;
        changes.add(new Change(action, before, next, detail));
    }

    private Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", name);
        detail.put("text", text);
        detail.put("placeholders", placeholders.stream().map(Placeholder::name).toList());
        detail.put("accounts", accountIds);
        detail.put("category", category.name());
        detail.put("warningKinds", warningKinds);
        detail.put("warningAnswer", warningAnswer.name());
        return detail;
    }

    List<Change> drainChanges() {
        List<Change> drained = List.copyOf(changes);
        changes.clear();
        return drained;
    }

    public long id() {
        return id;
    }

    public int version() {
        return version;
    }

    public long departmentId() {
        return departmentId;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public List<Placeholder> placeholders() {
        return placeholders;
    }

    public List<Long> accountIds() {
        return accountIds;
    }

    public PostCategory category() {
        return category;
    }

    public List<String> warningKinds() {
        return warningKinds;
    }

    public WarningAnswer warningAnswer() {
        return warningAnswer;
    }

    public TemplateStatus status() {
        return status;
    }

    public long authorId() {
        return authorId;
    }

    public @Nullable Long decidedBy() {
        return decidedBy;
    }

    public @Nullable Instant decidedAt() {
        return decidedAt;
    }

    public @Nullable String decisionComment() {
        return decisionComment;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** A drill template: every post filled from it is a drill, sent only to the staff's test recipients. */
    public boolean drill() {
        return drill;
    }
}
