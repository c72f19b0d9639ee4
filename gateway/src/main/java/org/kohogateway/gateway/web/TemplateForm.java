package org.kohogateway.gateway.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplate;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.template.TemplateView;
import org.kohogateway.gateway.template.WarningAnswer;
import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * The template form as typed: the text, one row per placeholder (its name, type, areas one per line, length limit),
 * the accounts, category and JMA warning kinds. Every field is a string, so nothing the browser sends fails binding;
 * the domain judges the values ({@link Placeholder}, {@link PostTemplate}).
 */
public class TemplateForm {

    /** Rows the form offers beyond those declared: room for placeholders not yet typed into the text. */
    static final int SPARE_ROWS = 1;

    private String name = "";
    private String text = "";
    private String category = PostCategory.EMERGENCY.name();
    private List<String> accountIds = new ArrayList<>();
    /** JMA warning kind codes, separated by commas or spaces ("03, 04"). */
    private String warningKinds = "";
    /** Which change of those warnings drafts a post: a {@link WarningAnswer} name. */
    private String warningAnswer = WarningAnswer.ISSUED.name();
    /** "true" for a drill template; read only when the template is written, since the mark is fixed. */
    private String drill = "";
    private List<Row> placeholders = new ArrayList<>();

    /** One placeholder as typed. */
    public static class Row {
        private String name = "";
        private String type = PlaceholderType.TEXT.name();
        /** The areas an AREA placeholder offers, one per line. */
        private String choices = "";
        private String maxLength = "";

        static Row of(Placeholder p) {
            Row row = new Row();
            row.name = p.name();
            row.type = p.type().name();
            row.choices = String.join("\n", p.choices());
            row.maxLength = p.maxLength() == 0 ? "" : String.valueOf(p.maxLength());
            return row;
        }

        static Row named(String name) {
            Row row = new Row();
            row.name = name;
            return row;
        }

        boolean blank() {
            return name == null || name.isBlank();
        }

        Placeholder placeholder() {
            String n = name.strip();
            PlaceholderType t = Arrays.stream(PlaceholderType.values()).filter(v -> v.name().equals(type)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("template.placeholderTypeRequired",
                            "placeholder " + n + " needs a type", n));
            List<String> areas = choices == null ? List.of() : List.of(choices.split("\\R"));
            return new Placeholder(n, t, areas, number(maxLength, n));
        }

        private static int number(@Nullable String value, String placeholder) {
            if (value == null || value.isBlank()) {
                return 0;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("template.textNeedsLength", "not a number: " + value, placeholder,
                        Placeholder.MAX_TEXT);
            }
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = FormValues.orEmpty(name);
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = FormValues.orEmpty(type);
        }

        public String getChoices() {
            return choices;
        }

        public void setChoices(String choices) {
            this.choices = FormValues.orEmpty(choices);
        }

        public String getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(String maxLength) {
            this.maxLength = FormValues.orEmpty(maxLength);
        }
    }

    static TemplateForm of(TemplateView template) {
        TemplateForm form = new TemplateForm();
        form.name = template.name();
        form.text = template.text();
        form.category = template.category().name();
        form.accountIds = new ArrayList<>(template.accountIds().stream().map(String::valueOf).toList());
        form.warningKinds = String.join(", ", template.warningKinds());
        form.warningAnswer = template.warningAnswer().name();
        form.drill = String.valueOf(template.drill());
        form.placeholders = new ArrayList<>(template.placeholders().stream().map(Row::of).toList());
        return form;
    }

    /**
     * One row per placeholder the text uses, in the order they appear: the rows already typed keep their type and
     * limits, a new name gets a row of its own, and a row whose name the text no longer uses goes.
     */
    void readPlaceholdersFromText() {
        Map<String, Row> typed = new LinkedHashMap<>();
        placeholders.stream().filter(r -> !r.blank()).forEach(r -> typed.putIfAbsent(r.name.strip(), r));
        placeholders = new ArrayList<>(PostTemplate.markers(text).stream()
                .map(n -> typed.getOrDefault(n, Row.named(n))).toList());
    }

    /** The rows to show: those typed, and a spare one. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>(placeholders.stream().filter(r -> !r.blank()).toList());
        for (int i = 0; i < SPARE_ROWS; i++) {
            rows.add(new Row());
        }
        return rows;
    }

    /**
     * The template as typed.
     *
     * @param creating a new template, whose drill mark the form sets; an edit leaves the mark as it is
     */
    TemplateDraft draft(boolean creating) {
        List<Placeholder> declared = placeholders.stream().filter(r -> !r.blank()).map(Row::placeholder).toList();
        List<Long> accounts = accountIds.stream().filter(a -> a != null && !a.isBlank())
                .map(a -> FormValues.optionalId(a, "template.accountNotYours", "account")).toList();
        PostCategory chosen = Arrays.stream(PostCategory.values()).filter(c -> c.name().equals(category)).findFirst()
                .orElse(PostCategory.EMERGENCY);
        List<String> kinds = Arrays.stream(warningKinds.split("[,、\\s]+")).filter(k -> !k.isBlank()).toList();
        WarningAnswer answer = Arrays.stream(WarningAnswer.values()).filter(a -> a.name().equals(warningAnswer))
                .findFirst().orElse(WarningAnswer.ISSUED);
        return new TemplateDraft(name, text, declared, accounts, chosen, kinds, creating ? isDrill() : null, answer);
    }

    /** Whether the drill box is ticked; public for the page's expression language. */
    public boolean isDrill() {
        return "true".equals(drill);
    }

    /** Whether the account is ticked; public for the page's expression language. */
    public boolean targets(long accountId) {
        return accountIds.contains(String.valueOf(accountId));
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = FormValues.orEmpty(name);
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = FormValues.orEmpty(text);
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = FormValues.orEmpty(category);
    }

    public List<String> getAccountIds() {
        return accountIds;
    }

    public void setAccountIds(List<String> accountIds) {
        this.accountIds = accountIds == null ? new ArrayList<>() : new ArrayList<>(accountIds);
    }

    public String getWarningKinds() {
        return warningKinds;
    }

    public void setWarningKinds(String warningKinds) {
        this.warningKinds = FormValues.orEmpty(warningKinds);
    }

    public String getWarningAnswer() {
        return warningAnswer;
    }

    public void setWarningAnswer(String warningAnswer) {
        this.warningAnswer = FormValues.orEmpty(warningAnswer);
    }

    public String getDrill() {
        return drill;
    }

    public void setDrill(String drill) {
        this.drill = FormValues.orEmpty(drill);
    }

    public List<Row> getPlaceholders() {
        return placeholders;
    }

    public void setPlaceholders(List<Row> placeholders) {
        this.placeholders = placeholders == null ? new ArrayList<>() : new ArrayList<>(placeholders);
    }
}
