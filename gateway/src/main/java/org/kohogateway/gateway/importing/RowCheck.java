package org.kohogateway.gateway.importing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Component;

/**
 * Reads a CSV row into a post request, without asking the database: a value that cannot be read, or a time that has
 * passed, is a row error here. What the workflow thinks of the request (the author's roles and accounts, every policy
 * rule) the writer asks for the whole chunk at once ({@link ImportWriter}).
 */
@Component
class RowCheck {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("uuuu/M/d H:mm[:ss]"));

    private final Clock clock;

    RowCheck(Clock clock) {
        this.clock = clock;
    }

    /** A row that could be read: the post to check and create, and whether to submit it. */
    record Parsed(ImportRow row, NewPost post, boolean submit) {
    }

    /** The outcome for one row: either a request to check or the row's errors. */
    record Outcome(ImportRow row, @Nullable Parsed parsed, List<RowError> errors) {
    }

    Outcome read(ImportRow row) {
        List<RowError> errors = new ArrayList<>();
        if (!row.consistent()) {
            errors.add(error(row, "import.row.columnCount", String.valueOf(row.fields()),
                    String.valueOf(row.columns())));
            return new Outcome(row, null, errors);
        }
        List<URI> links = links(row, errors);
        PostCategory category = category(row, errors);
        List<Long> accountIds = accountIds(row, errors);
        List<MediaChoice> media = media(row, errors);
        Instant scheduledAt = scheduledAt(row, errors);
        Boolean submit = submit(row, errors);
        if (errors.isEmpty() && scheduledAt != null && scheduledAt.isBefore(clock.instant())) {
            errors.add(error(row, "post.scheduledInPast"));
        }
        if (!errors.isEmpty()) {
            return new Outcome(row, null, errors);
        }
        NewPost post = new NewPost(row.value(ImportColumns.TEXT), links, List.of(), category, accountIds, scheduledAt,
                null, null, null, null, null, media);
        return new Outcome(row, new Parsed(row, post, submit), List.of());
    }

    static RowError refusal(ImportRow row, GatewayException refused) {
        return new RowError(row.line(), refused.code(),
                java.util.Arrays.stream(refused.arguments()).map(String::valueOf).toList());
    }

    private static List<URI> links(ImportRow row, List<RowError> errors) {
        List<URI> links = new ArrayList<>();
        String value = row.value(ImportColumns.LINKS);
        if (value.isEmpty()) {
            return links;
        }
        for (String link : value.split("\\s+")) {
            try {
                links.add(new URI(link));
            } catch (URISyntaxException e) {
                errors.add(error(row, "post.badLink", link));
            }
        }
        return links;
    }

    private static @Nullable PostCategory category(ImportRow row, List<RowError> errors) {
        String value = row.value(ImportColumns.CATEGORY);
        try {
            return PostCategory.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(error(row, "import.row.badCategory", value));
            return null;
        }
    }

    private static List<Long> accountIds(ImportRow row, List<RowError> errors) {
        if (row.value(ImportColumns.ACCOUNT_IDS).isEmpty()) {
            errors.add(error(row, "post.noTargets"));
            return List.of();
        }
        return ids(row, ImportColumns.ACCOUNT_IDS, "import.row.badAccountId", errors);
    }

    /**
     * Uploaded images by id, in order, each with the alt text given at upload. Whether the importer may use them (and
     * whether they exist) the workflow's check decides, as it does for the API: an id of someone else's image is a
     * row error, never a 500.
     */
    private static List<MediaChoice> media(ImportRow row, List<RowError> errors) {
        return ids(row, ImportColumns.MEDIA_IDS, "import.row.badMediaId", errors).stream()
                .map(id -> new MediaChoice(id, null)).toList();
    }

    /** The numbers a column lists, separated by spaces; each word that is not one is a row error. */
    private static List<Long> ids(ImportRow row, String column, String badCode, List<RowError> errors) {
        List<Long> ids = new ArrayList<>();
        String value = row.value(column);
        if (value.isEmpty()) {
            return ids;
        }
        for (String id : value.split("\\s+")) {
            try {
                ids.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                errors.add(error(row, badCode, id));
            }
        }
        return ids;
    }

    /** ISO 8601 with an offset ({@code 2026-12-01T09:00:00+09:00}, {@code …Z}), or a Japan-time local date-time. */
    static Instant parseTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            for (DateTimeFormatter format : LOCAL_FORMATS) {
                try {
                    return LocalDateTime.parse(value, format).atZone(JAPAN).toInstant();
                } catch (DateTimeParseException next) {
                    // try the next format
                }
            }
            throw withoutOffset;
        }
    }

    private static @Nullable Instant scheduledAt(ImportRow row, List<RowError> errors) {
        String value = row.value(ImportColumns.SCHEDULED_AT);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return parseTime(value);
        } catch (DateTimeParseException e) {
            errors.add(error(row, "import.row.badScheduledAt", value));
            return null;
        }
    }

    private static Boolean submit(ImportRow row, List<RowError> errors) {
        String value = row.value(ImportColumns.SUBMIT).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false" -> false;
            case "true" -> true;
            default -> {
                errors.add(error(row, "import.row.badSubmit", value));
                yield false;
            }
        };
    }

    private static RowError error(ImportRow row, String code, String... arguments) {
        return new RowError(row.line(), code, List.of(arguments));
    }
}
