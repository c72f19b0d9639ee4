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
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.Severity;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.GatewayException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a CSV row into a post request and asks the workflow what it thinks of it ({@link PostWorkflow#check}: the
 * author's roles and accounts, every policy rule). The row is bad when a value cannot be read, the workflow refuses
 * it, a blocking rule stands, or its time has passed.
 */
@Component
class RowCheck {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss]"), DateTimeFormatter.ofPattern("uuuu/M/d H:mm[:ss]"));

    private final PostWorkflow workflow;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    RowCheck(PostWorkflow workflow, Clock clock, PlatformTransactionManager transactions) {
        this.workflow = workflow;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        // a refusal inside the chunk's transaction must not doom the whole chunk: check within a savepoint
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A row that passed: the post to create and whether to submit it. */
    record Checked(ImportRow row, NewPost post, boolean submit) {
    }

    /** The outcome for one row: either a post to create or the row's errors. */
    record Outcome(Checked checked, List<RowError> errors) {
    }

    Outcome check(ImportRow row) {
        List<RowError> errors = new ArrayList<>();
        if (!row.consistent()) {
            errors.add(error(row, "import.row.columnCount", String.valueOf(row.fields()),
                    String.valueOf(row.columns())));
            return new Outcome(null, errors);
        }
        List<URI> links = links(row, errors);
        PostCategory category = category(row, errors);
        List<Long> accountIds = accountIds(row, errors);
        List<MediaChoice> media = media(row, errors);
        Instant scheduledAt = scheduledAt(row, errors);
        Boolean submit = submit(row, errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        NewPost post = new NewPost(row.value(ImportColumns.TEXT), links, List.of(), category, accountIds, scheduledAt,
                null, null, null, null, null, media);
        if (scheduledAt != null && scheduledAt.isBefore(clock.instant())) {
            errors.add(error(row, "post.scheduledInPast"));
            return new Outcome(null, errors);
        }
        try {
            List<Finding> findings = savepoint.execute(status -> workflow.check(row.author(), post));
            for (Finding finding : findings) {
                if (finding.severity() == Severity.BLOCK) {
                    errors.add(new RowError(row.line(), finding.messageCode(), finding.arguments()));
                }
            }
        } catch (GatewayException refused) {
            errors.add(refusal(row, refused));
        }
        return errors.isEmpty() ? new Outcome(new Checked(row, post, submit), List.of()) : new Outcome(null, errors);
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
