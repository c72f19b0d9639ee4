package org.kohogateway.gateway.template;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;

/**
 * A named blank of a template, {@code {{時刻}}} in its text, with what it takes.
 *
 * @param choices   the areas an AREA placeholder takes (empty for the other types)
 * @param maxLength the longest value of a TEXT placeholder (0 for the other types; absent in JSON reads 0)
 */
public record Placeholder(String name, PlaceholderType type, List<String> choices, Integer maxLength) {

    /** Longest free text a placeholder may take: a sentence, not a post. */
    public static final int MAX_TEXT = 200;
    public static final int MAX_CHOICES = 100;
    /** A name as it appears between the braces: letters, digits and underscores, as the policy rule's marker. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_]{1,20}");
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3])(?::|時)([0-5]\\d)分?");

    public Placeholder {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("template.badPlaceholderName",
                    "a placeholder's name is 1 to 20 letters or digits: " + name, String.valueOf(name));
        }
        if (type == null) {
            throw new InvalidRequestException("template.placeholderTypeRequired",
                    "placeholder " + name + " needs a type (TIME, AREA, TEXT)", name);
        }
        choices = choices == null ? List.of()
                : choices.stream().map(c -> c == null ? "" : c.strip()).filter(c -> !c.isEmpty()).distinct().toList();
        if (maxLength == null) {
            maxLength = 0;
        }
        switch (type) {
            case AREA -> {
                if (choices.isEmpty() || choices.size() > MAX_CHOICES) {
                    throw new InvalidRequestException("template.areaNeedsChoices",
                            "area placeholder " + name + " needs 1 to " + MAX_CHOICES + " areas to choose from", name);
                }
                maxLength = 0;
            }
            case TEXT -> {
                if (maxLength < 1 || maxLength > MAX_TEXT) {
                    throw new InvalidRequestException("template.textNeedsLength",
                            "text placeholder " + name + " needs a length limit from 1 to " + MAX_TEXT, name, MAX_TEXT);
                }
                choices = List.of();
            }
            case TIME -> {
                choices = List.of();
                maxLength = 0;
            }
        }
    }

    /** How it appears in a template's text. */
    public String marker() {
        return "{{" + name + "}}";
    }

    /**
     * The value as the post reads it; refuses an empty value, a time that is no time, an area not listed and text
     * over the limit (a marker typed into a value is the policy rule's to block, as anywhere in a post).
     */
    public String fill(@Nullable String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            throw new InvalidRequestException("template.valueRequired", "fill in " + marker(), name);
        }
        return switch (type) {
            case TIME -> {
                Matcher m = TIME.matcher(value);
                if (!m.matches()) {
                    throw new InvalidRequestException("template.badTime",
                            marker() + " takes a time such as 14:05 or 14時05分: " + value, name, value);
                }
                yield String.format("%02d時%s分", Integer.parseInt(m.group(1)), m.group(2));
            }
            case AREA -> {
                if (!choices.contains(value)) {
                    throw new InvalidRequestException("template.unknownArea",
                            marker() + " takes one of " + String.join("、", choices) + ": " + value, name, value);
                }
                yield value;
            }
            case TEXT -> {
                if (value.codePointCount(0, value.length()) > maxLength) {
                    throw new InvalidRequestException("template.valueTooLong",
                            marker() + " takes at most " + maxLength + " characters", name, maxLength);
                }
                yield value;
            }
        };
    }

    /** A value the rules check the template with before it is approved. */
    String sample() {
        return switch (type) {
            case TIME -> "09時00分";
            case AREA -> choices.getFirst();
            case TEXT -> "例".repeat(Math.min(maxLength, 4));
        };
    }
}
