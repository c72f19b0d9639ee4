package org.kohogateway.gateway.post;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.kohogateway.gateway.policy.Finding;
import org.kohogateway.gateway.policy.RuleId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Posts to the same account with the same or nearly the same text within a window (issue 22, "no frozen account"):
 * Hanamaki's X account was frozen during a flood warning after a dozen near-identical shelter posts. A repeat is a
 * finding the approver acknowledges, not a block: a second shelter list an hour later can be right.
 *
 * <p>Alike means a normalised edit distance: the texts in NFKC with runs of white space as one space, at most
 * {@code 1 - similarity} of the longer one's characters changed.
 */
@Component
class NearDuplicates {

    /** Earlier posts looked at per kind and check: a city account posts a handful a day, a flood perhaps dozens. */
    private static final int CANDIDATES = 100;

    private final JdbcClient jdbc;
    private final PostingProperties properties;
    private final Clock clock;

    NearDuplicates(JdbcClient jdbc, PostingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One finding per target account that already has an alike post going out or gone out near this one's time.
     *
     * @param self      the post itself, never its own repeat; null for a post not yet written
     * @param publishAt when this one goes out; null for "as soon as approved"
     */
    List<Finding> of(UUID self, String text, Collection<Long> accountIds, Instant publishAt) {
        if (accountIds.isEmpty() || properties.nearDuplicateWindow().isZero()) {
            return List.of();
        }
        Instant at = publishAt == null ? clock.instant() : publishAt;
        List<Earlier> earlier = earlier(self, accountIds, at);
        String mine = normalised(text);
        Map<Long, Finding> findings = new LinkedHashMap<>();
        for (Earlier e : earlier) {
            if (!findings.containsKey(e.accountId()) && alike(mine, normalised(e.text()))) {
                // the window leads the arguments, since the first is part of the finding's key: an acknowledgement
                // holds whichever alike post is found first when the approver decides
                findings.put(e.accountId(), new Finding(RuleId.NEAR_DUPLICATE, -1, -1, e.accountId(),
                        List.of(Long.toString(properties.nearDuplicateWindow().toHours()), e.postId().toString())));
            }
        }
        return new ArrayList<>(findings.values());
    }

    /**
     * The posts a new one is compared with, in one statement (a round trip fewer for the check as the author types):
     * first approved posts, which count from when they are due or went out (the calendar's index), then posts waiting
     * for a decision, which count from their scheduled time, or from now for "as soon as approved"; each by that time.
     * At most {@link #CANDIDATES} of each, so a bulk import of thousands of alike rows costs a bounded look per row:
     * an account with more than that in one window is flagged long before.
     */
    private List<Earlier> earlier(UUID self, Collection<Long> accountIds, Instant at) {
        return jdbc.sql("""
                select account_id, id, text from (
                    (select 1 as part, d.account_id, p.id, p.text,
                            (case when d.status = 'SENT' then d.sent_at else d.due_at end) as at
                     from delivery d join post p on p.id = d.post_id
                     where d.account_id = any(:accounts)
                       and (case when d.status = 'SENT' then d.sent_at else d.due_at end) between :from and :to
                       and d.status not in ('CANCELLED', 'FAILED')
                       and p.id <> coalesce(cast(:self as uuid), '00000000-0000-0000-0000-000000000000')
                     order by at, p.id
                     limit %1$d)
                    union all
                    (select 2 as part, d.account_id, p.id, p.text, coalesce(p.scheduled_at, p.updated_at) as at
                     from post p join delivery d on d.post_id = p.id
                     where p.status = 'SUBMITTED'
                       and coalesce(p.scheduled_at, p.updated_at) between :from and :to
                       and d.account_id = any(:accounts)
                       and p.id <> coalesce(cast(:self as uuid), '00000000-0000-0000-0000-000000000000')
                     order by at, p.id
                     limit %1$d)
                ) earlier
                order by part, at, id
                """.formatted(CANDIDATES)).params(window(self, accountIds, at))
                .query((rs, n) -> new Earlier(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3))).list();
    }

    private Map<String, Object> window(UUID self, Collection<Long> accountIds, Instant at) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("accounts", accountIds.toArray(Long[]::new));
        params.put("self", self);
        params.put("from", Timestamp.from(at.minus(properties.nearDuplicateWindow())));
        params.put("to", Timestamp.from(at.plus(properties.nearDuplicateWindow())));
        return params;
    }

    private boolean alike(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        if (longer == 0) {
            return true;
        }
        int allowed = (int) Math.floor(longer * (1 - properties.nearDuplicateSimilarity()));
        if (Math.abs(a.length() - b.length()) > allowed) {
            return false;
        }
        // with a threshold the distance costs length × threshold, not length², and answers -1 beyond it
        return new LevenshteinDistance(allowed).apply(a, b) >= 0;
    }

    private static String normalised(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
    }

    private record Earlier(long accountId, UUID postId, String text) {
    }
}
