package org.kohogateway.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.AccountStatus;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The look-ups of the dispatch path find their rows without walking others. The pause gate's check of an emergency
 * override finds the claimed deliveries by id: {@code claim_token} has no index, and by token alone the check read
 * every emergency post and its deliveries. The claim looks ahead for YouTube's uploads without walking the deliveries
 * of other platforms due within the upload lead, whether or not a video is waiting there; its two walks together
 * still take what is due now first and no more than the claim's limit.
 */
class ClaimLookupsIntegrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Deliveries deliveries;

    @Test
    void theOverrideCheckAtThePauseGateFindsTheDeliveriesByTheirIds() {
        assertThat(plan(Deliveries.OVERRIDE_STANDS)).contains("delivery_pkey").doesNotContain("Seq Scan on delivery");
    }

    @Test
    void theClaimLooksAheadForYouTubeWithoutWalkingOtherPlatformsDeliveriesDueWithinTheLead() {
        // a time long past, so that no other test's delivery falls within the claim's reach
        Instant now = Instant.parse("2000-01-01T00:00:00Z");
        World world = data.world();
        String plan = transactions.execute(status -> {
            status.setRollbackOnly();
            dueAt(world, world.lineA(), now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(10)));
            return claimPlan(now);
        });
        assertThat(plan).contains("delivery_due");
        // the LINE delivery due in ten minutes was within the lead: the claim read it and threw it away
        assertThat(deliveriesReadAndDropped(plan)).as(plan).isZero();
    }

    @Test
    void aYouTubeVideoWaitingBehindAPauseDoesNotMakeTheClaimWalkTheDeliveriesDueBeforeIt() {
        Instant now = Instant.parse("2000-01-01T00:00:00Z");
        World world = data.world();
        String plan = transactions.execute(status -> {
            status.setRollbackOnly();
            OfficialAccount youtube = youtube(world);
            dueAt(world, youtube, now.plus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(20)));
            // paused, the video stays within the lead, unclaimed, for as long as the pause lasts
            jdbc.sql("update dispatch_gate set paused = true, reason = 'plan', paused_by = 'test', paused_at = now() "
                    + "where account_id = :account")
                    .param("account", youtube.id()).update();
            for (int minutes = 5; minutes <= 15; minutes += 5) {
                dueAt(world, world.lineA(), now.plus(Duration.ofMinutes(minutes)), now.plus(Duration.ofMinutes(minutes)));
            }
            return claimPlan(now);
        });
        // the paused video is read and refused; the three LINE deliveries due before it are not read at all
        assertThat(deliveriesReadAndDropped(plan)).as(plan).isEqualTo(1);
    }

    @Test
    void theClaimStillTakesEveryYouTubeDeliveryDueWithinTheLeadAtItsFirstSchedulingAndNothingElseAhead() {
        Instant now = Instant.parse("2000-01-01T00:00:00Z");
        World world = data.world();
        // the expected deliveries, then the claimed ones, in the order the claim hands them out
        List<List<UUID>> expectedAndClaimed = transactions.execute(status -> {
            status.setRollbackOnly();
            OfficialAccount youtube = youtube(world);
            // the look-ahead must reach the later of two videos, past a LINE delivery due between them
            UUID early = dueAt(world, youtube, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(10)));
            UUID late = dueAt(world, youtube, now.plus(Duration.ofMinutes(20)), now.plus(Duration.ofMinutes(20)));
            dueAt(world, world.lineA(), now.plus(Duration.ofMinutes(15)), now.plus(Duration.ofMinutes(15)));
            // a retry, moved off its scheduled time, waits for its due time
            dueAt(world, youtube, now.plus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(1)));
            return List.of(List.of(early, late), claim(now, 128));
        });
        assertThat(expectedAndClaimed.get(1)).containsExactlyElementsOf(expectedAndClaimed.get(0));
    }

    @Test
    void whatIsDueNowGoesBeforeAVideoAheadAndAClaimTakesNoMoreThanItsLimit() {
        Instant now = Instant.parse("2000-01-01T00:00:00Z");
        World world = data.world();
        // the expected and the claimed deliveries of two claims of one each
        List<List<UUID>> claims = transactions.execute(status -> {
            status.setRollbackOnly();
            OfficialAccount youtube = youtube(world);
            UUID video = dueAt(world, youtube, now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(10)));
            UUID overdue = dueAt(world, world.lineA(), now.minus(Duration.ofMinutes(1)), now.minus(Duration.ofMinutes(1)));
            return List.of(List.of(overdue), claim(now, 1), List.of(video), claim(now, 1));
        });
        assertThat(claims.get(1)).containsExactlyElementsOf(claims.get(0));
        assertThat(claims.get(3)).containsExactlyElementsOf(claims.get(2));
    }

    /** The deliveries a claim of up to {@code limit} at {@code now} takes, with a 30-minute upload lead. */
    private List<UUID> claim(Instant now, int limit) {
        return deliveries.claim(now, limit, "claim-test", Duration.ofMinutes(2), Duration.ofMinutes(30)).stream()
                .map(ClaimedDelivery::id).toList();
    }

    /** A YouTube account of the world's first department, to which videos are uploaded ahead of their time. */
    private OfficialAccount youtube(World world) {
        String n = TestData.unique();
        return data.account(world.departmentA(), Platform.YOUTUBE, "江津市 YouTube " + n,
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.youtubeCredentials(n));
    }

    /** An approved post's one delivery, moved to {@code account}, due at {@code due}, scheduled for {@code scheduled}. */
    private UUID dueAt(World world, OfficialAccount account, Instant due, Instant scheduled) {
        Post post = data.approvedPost(world, "先の配信 " + TestData.unique(), clock.instant().plus(Duration.ofDays(1)),
                world.lineA());
        return jdbc.sql("""
                update delivery set account_id = :account, due_at = :due, scheduled_for = :scheduled
                where post_id = :post returning id
                """).param("account", account.id()).param("due", Posts.timestamp(due))
                .param("scheduled", Posts.timestamp(scheduled)).param("post", post.id().value())
                .query(UUID.class).single();
    }

    /** The claim's plan as run at {@code now}, with a 30-minute upload lead. */
    private String claimPlan(Instant now) {
        return String.join("\n", jdbc.sql("explain (analyze) " + Deliveries.CLAIM)
                .params(Map.of("now", Posts.timestamp(now),
                        "horizon", Posts.timestamp(now.plus(Duration.ofMinutes(30))),
                        "inService", AccountStatus.IN_SERVICE.stream().map(Enum::name).toList(),
                        "limit", 128, "instance", "plan",
                        "leaseUntil", Posts.timestamp(now.plus(Duration.ofMinutes(2)))))
                .query(String.class).list());
    }

    /** The rows the plan's scans of {@code delivery} read and threw away. */
    private static long deliveriesReadAndDropped(String plan) {
        Pattern scan = Pattern.compile("Scan (?:Backward )?(?:using \\w+ )?on (\\w+)");
        Pattern removed = Pattern.compile("Rows Removed by Filter: (\\d+)");
        String relation = "";
        long dropped = 0;
        for (String line : plan.split("\n")) {
            Matcher node = scan.matcher(line);
            if (node.find()) {
                relation = node.group(1);
            }
            Matcher m = removed.matcher(line);
            if (m.find() && relation.equals("delivery")) {
                dropped += Long.parseLong(m.group(1));
            }
        }
        return dropped;
    }

    private String plan(String statement) {
        return transactions.execute(status -> {
            jdbc.sql("set local enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("explain " + statement)
                    .param("ids", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .param("tokens", new UUID[] { UUID.randomUUID(), UUID.randomUUID() })
                    .query(String.class).list());
        });
    }
}
