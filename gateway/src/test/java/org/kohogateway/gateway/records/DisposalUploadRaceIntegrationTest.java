package org.kohogateway.gateway.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.media.Media;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.media.TestVideos;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Disposal removes an image's bytes once nothing alive uses them; an upload of the very same picture landing between
 * that check and the removal must not end as an upload whose bytes are gone. The two are interleaved by hand: a
 * transaction of the test holds a share lock on the bytes' row, so the approval stops at its removal — after its
 * check — while the upload runs; then the test lets the removal go. Sent in 1964, and the video in 1944 (decades no
 * other test sends in), so each disposal list holds its test's record only.
 */
class DisposalUploadRaceIntegrationTest extends IntegrationTest {

    @Autowired
    PostWorkflow workflow;

    @Autowired
    MediaLibrary library;

    @Autowired
    DisposalLists disposals;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anUploadOfTheSamePictureDuringADisposalKeepsItsBytes() throws Exception {
        clock.set(Instant.parse("1964-06-01T01:00:00Z"));
        World world = data.world();
        byte[] picture = TestImages.noisyJpeg(32, 24, System.nanoTime());
        Post post = sent(world, "廃棄と同時の再アップロード 1964 " + TestData.unique(), picture, world.lineA().id());
        clock.set(Instant.parse("1966-04-02T01:00:00Z"));

        uploadDuringDisposal(world, post, picture);
    }

    /** A video goes through the same lock as an image: the same video brought again keeps its bytes too. */
    @Test
    void anUploadOfTheSameVideoDuringADisposalKeepsItsBytes() throws Exception {
        clock.set(Instant.parse("1944-06-01T01:00:00Z"));
        World world = data.world();
        String n = TestData.unique();
        OfficialAccount channel = data.account(world.departmentA(), Platform.YOUTUBE, "江津市 YouTube " + n,
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.youtubeCredentials(n));
        byte[] video = TestVideos.mp4(n);
        Post post = sent(world, "廃棄と同時の動画の再アップロード 1944 " + n, video, channel.id());
        clock.set(Instant.parse("1946-04-02T01:00:00Z"));

        uploadDuringDisposal(world, post, video);
    }

    /**
     * Approves the disposal of the post's record, stops it at removing the bytes of the post's first image or video,
     * uploads the same bytes then, and lets the removal go: the upload must end with its bytes and preview kept.
     */
    private void uploadDuringDisposal(World world, Post post, byte[] picture) throws Exception {
        String sha = post.content().media().getFirst().sha256();
        DisposalList list = disposals.draw(staff.byUsername(world.auditor()));

        // three at once, whatever the common pool's size on this machine
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch shared = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> blocker = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    jdbc.sql("select 1 from media_blob where sha256 = :sha for key share").param("sha", sha)
                            .query().listOfRows();
                    shared.countDown();
                    await(release);
                }), threads);
        assertThat(shared.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<DisposalList> approval = CompletableFuture
                .supplyAsync(() -> disposals.approve(staff.byUsername(world.admin()), list.id(), "保存期間満了"), threads);
        Awaitility.await("the approval checked and stopped at removing the bytes").atMost(Duration.ofSeconds(20))
                .until(() -> waiting("Lock", "delete from media_blob%") > 0);

        CompletableFuture<Media> upload = CompletableFuture.supplyAsync(
                () -> library.upload(world.poster(), new ByteArrayInputStream(picture), "同じ写真をもう一度"), threads);
        Awaitility.await("the upload done, or waiting for the disposal").atMost(Duration.ofSeconds(20))
                .until(() -> upload.isDone() || waiting("Lock", "%pg_advisory_xact_lock%") > 0);
        release.countDown();
        blocker.get(20, TimeUnit.SECONDS);
        approval.get(20, TimeUnit.SECONDS);
        Media again = upload.get(20, TimeUnit.SECONDS);
        threads.shutdown();

        assertThat(again.sha256()).isEqualTo(sha);
        assertThat(library.stored(sha)).as("the bytes of upload %s", again.id()).isTrue();
        try (InputStream bytes = library.open(again, Media.Variant.ORIGINAL)) {
            assertThat(bytes.readAllBytes()).hasSize((int) again.bytes());
        }
        try (InputStream preview = library.open(again, Media.Variant.PREVIEW)) {
            assertThat(preview.readAllBytes()).hasSize((int) again.previewBytes());
        }
    }

    /** Backends waiting on a lock of this type while running a statement like this. */
    private long waiting(String waitType, String statement) {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = :type and query ilike :statement and pid <> pg_backend_pid()
                """).param("type", waitType).param("statement", statement).query(Long.class).single();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released its lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A post to the account with the picture, approved, and set SENT now as the dispatcher records a platform's answer. */
    private Post sent(World world, String text, byte[] picture, long accountId) throws IOException {
        long media = library.upload(world.poster(), new ByteArrayInputStream(picture), "山車").id();
        Post post = workflow.create(world.poster(), new NewPost(text, List.of(), List.of(), PostCategory.NOTICE,
                List.of(accountId), clock.instant().plus(Duration.ofHours(1)), null, null, null, null, null,
                List.of(new MediaChoice(media, "山車の写真"))));
        workflow.submit(world.poster(), post.id());
        post = workflow.approve(world.approver(), post.id(), "ok", Set.of(), workflow.get(post.id()).contentHash());
        jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :at, due_at = null
                where post_id = :post
                """).param("platformId", "line-" + TestData.unique())
                .param("at", java.sql.Timestamp.from(clock.instant())).param("post", post.id().value()).update();
        return post;
    }
}
