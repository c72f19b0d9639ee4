package org.kohogateway.gateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.dispatch.Dispatcher;
import org.kohogateway.gateway.media.MediaLibrary;
import org.kohogateway.gateway.media.TestImages;
import org.kohogateway.gateway.post.MediaChoice;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Staff;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.support.NotPermittedException;
import org.kohogateway.gateway.testing.Api;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.PageSession;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21 points 4–7: a post that went out is a record with its whole story; retention, legal hold and a second
 * person's disposal with a moved clock; disposal keeps a tombstone and removes only bytes nothing alive uses; the
 * disclosure package holds what it says. The moved-clock tests send in decades nobody else's posts were sent in
 * (1970s–1990s), so their disposal lists hold their own records only, and call the services (an admin's API token
 * would be issued at the moved time).
 */
class RecordsIntegrationTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    PostWorkflow workflow;

    @Autowired
    MediaLibrary library;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    PostRecords records;

    @Autowired
    RecordHolds holds;

    @Autowired
    DisposalLists disposals;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordRegistry registry;

    @Test
    void aPostThatWentOutIsARecordWithItsTextsImagesDecisionsDeliveriesAndAuditEntries() {
        World world = data.world();
        String text = "記録になるお知らせ " + TestData.unique();
        long mediaId = upload(world, TestImages.noisyJpeg(40, 30, System.nanoTime()));
        Post post = data.approved(world, new NewPost(text, List.of(), List.of(), PostCategory.EVENT,
                List.of(world.lineA().id()), null, null, null, null, null, null,
                List.of(new MediaChoice(mediaId, "夏祭りの山車"))));

        dispatcher.drain();

        JsonNode record = api(world.auditor()).get("/api/records/posts/" + post.id()).json();
        assertThat(record.get("text").asString()).isEqualTo(text);
        assertThat(record.get("texts").get(0).get("text").asString()).contains(text);
        assertThat(record.get("texts").get(0).get("platform").asString()).isEqualTo("LINE");
        JsonNode retention = record.get("retention");
        assertThat(retention.get("retentionClass").asString()).isEqualTo("ONE_YEAR");
        LocalDate sentOn = LocalDate.ofInstant(Instant.parse(retention.get("firstSentAt").asString()),
                RetentionSchedule.CITY_TIME);
        LocalDate startsOn = LocalDate.of(sentOn.getMonthValue() >= 4 ? sentOn.getYear() + 1 : sentOn.getYear(), 4, 1);
        assertThat(retention.get("startsOn").asString()).isEqualTo(startsOn.toString());
        assertThat(retention.get("disposalDate").asString()).isEqualTo(startsOn.plusYears(1).toString());
        JsonNode image = record.get("media").get(0);
        assertThat(image.get("altText").asString()).isEqualTo("夏祭りの山車");
        assertThat(image.get("sha256").asString()).isEqualTo(post.content().media().getFirst().sha256());
        assertThat(image.get("bytesKept").asBoolean()).isTrue();
        assertThat(record.get("decisions").valueStream().map(d -> d.get("action").asString() + " "
                + d.get("actor").asString())).contains("POST_SUBMITTED " + world.poster(),
                        "POST_APPROVED " + world.approver());
        JsonNode delivery = record.get("deliveries").get(0);
        assertThat(delivery.get("status").asString()).isEqualTo("SENT");
        assertThat(delivery.get("platformPostId").asString()).isNotBlank();
        List<String> actions = record.get("audit").valueStream().map(e -> e.get("action").asString()).toList();
        assertThat(actions).contains("POST_CREATED", "POST_APPROVED", "DELIVERY_SENT", "RECORD_REGISTERED");
        List<Long> seqs = record.get("audit").valueStream().map(e -> e.get("seq").asLong()).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPostThatNeverWentOutIsNoRecord() {
        World world = data.world();
        Post draft = data.draft(world.poster(), "送っていない " + TestData.unique(), clock.instant().plus(Duration.ofDays(1)),
                world.lineA());

        Api.Response answer = api(world.auditor()).get("/api/records/posts/" + draft.id());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    }

    @Test
    void onlyAuditorsAndAdminsReadHoldAndDisposeRecords() {
        World world = data.world();
        Post post = sent(world, "権限 " + TestData.unique(), PostCategory.NOTICE, null);
        for (String person : List.of(world.poster(), world.approver(), world.pr())) {
            Api api = api(person);
            assertThat(api.get("/api/records/posts/" + post.id()).status()).as(person).isEqualTo(403);
            assertThat(api.download("/api/records/posts/" + post.id() + "/package.zip").statusCode()).as(person)
                    .isEqualTo(403);
            assertThat(api.post("/api/records/posts/" + post.id() + "/hold", "{\"reason\":\"開示請求\"}").status())
                    .as(person).isEqualTo(403);
            assertThat(api.post("/api/records/disposal-lists", null).status()).as(person).isEqualTo(403);
        }
        // the domain refuses them too, whatever the route in front of it
        Staff poster = staff.byUsername(world.poster());
        assertThatThrownBy(() -> records.record(poster, post.id())).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> holds.place(poster, post.id(), "x")).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> disposals.draw(poster)).isInstanceOf(NotPermittedException.class);
        assertThat(api(world.auditor()).get("/api/records/posts/" + post.id()).status()).isEqualTo(200);
    }

    @Test
    void aRecordIsDueOnItsDisposalDateAndNothingOnHoldIsEverDisposed() {
        clock.set(Instant.parse("1990-06-10T01:00:00Z"));
        World world = data.world();
        Post kept = sent(world, "保存 1990 " + TestData.unique(), PostCategory.NOTICE, image());
        Post heldEarly = sent(world, "先にホールド 1990 " + TestData.unique(), PostCategory.NOTICE, image());
        Post heldLate = sent(world, "後からホールド 1990 " + TestData.unique(), PostCategory.NOTICE, image());
        Staff auditor = staff.byUsername(world.auditor());
        Staff admin = staff.byUsername(world.admin());
        holds.place(auditor, heldEarly.id(), "情報公開請求 第12号の対象");
        assertThat(records.row(auditor, kept.id()).schedule().disposalDate()).isEqualTo(LocalDate.of(1992, 4, 1));

        clock.set(Instant.parse("1992-03-31T14:00:00Z")); // 23:00 on March 31 in Japan: still retained
        assertThat(idsOf(drawIfDue(auditor))).doesNotContain(kept.id(), heldEarly.id(), heldLate.id());

        clock.set(Instant.parse("1992-03-31T15:00:00Z")); // April 1 in Japan
        DisposalList list = disposals.draw(auditor);
        assertThat(idsOf(list)).contains(kept.id(), heldLate.id()).doesNotContain(heldEarly.id());
        holds.place(admin, heldLate.id(), "訴訟の証拠として保全");

        DisposalList approved = disposals.approve(admin, list.id(), "保存期間満了");

        assertThat(outcome(approved, kept.id())).isEqualTo(DisposalList.Outcome.DISPOSED);
        assertThat(outcome(approved, heldLate.id())).isEqualTo(DisposalList.Outcome.KEPT_ON_HOLD);
        assertThat(records.row(auditor, kept.id()).disposed()).isTrue();
        for (Post held : List.of(heldEarly, heldLate)) {
            PostRecord record = records.row(auditor, held.id());
            assertThat(record.disposed()).as(held.content().text()).isFalse();
            assertThat(library.stored(held.content().media().getFirst().sha256())).isTrue();
        }
        assertThat(library.stored(kept.content().media().getFirst().sha256())).isFalse();
        assertThat(actions("RECORD", heldLate.id())).contains("RECORD_HELD", "RECORD_LISTED_FOR_DISPOSAL",
                "RECORD_KEPT_ON_HOLD");
        assertThat(actions("DISPOSAL_LIST", list.id())).containsExactly("DISPOSAL_LIST_DRAWN",
                "DISPOSAL_LIST_APPROVED");

        holds.lift(auditor, heldEarly.id(), "請求への対応が終わった");
        assertThat(actions("RECORD", heldEarly.id())).contains("RECORD_RELEASED");
        assertThat(idsOf(disposals.draw(auditor))).contains(heldEarly.id());
    }

    @Test
    void aSecondPersonApprovesTheDisposalListNotTheOneWhoDrewItUp() {
        clock.set(Instant.parse("1975-05-01T01:00:00Z"));
        World world = data.world();
        Post post = sent(world, "二人目 1975 " + TestData.unique(), PostCategory.NOTICE, image());
        Staff auditor = staff.byUsername(world.auditor());
        clock.set(Instant.parse("1977-04-02T01:00:00Z"));
        DisposalList list = disposals.draw(auditor);

        assertThatThrownBy(() -> disposals.approve(auditor, list.id(), "自分で承認"))
                .isInstanceOf(NotPermittedException.class).hasMessageContaining(world.auditor());

        assertThat(records.row(auditor, post.id()).disposed()).isFalse();
        DisposalList approved = disposals.approve(staff.byUsername(world.admin()), list.id(), null);
        assertThat(approved.status()).isEqualTo(DisposalList.Status.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(world.admin());
        assertThat(records.row(auditor, post.id()).disposed()).isTrue();
    }

    @Test
    void disposalRemovesOnlyBytesNothingAliveUsesAndKeepsATombstoneWithTheHashesAndAltText() throws IOException {
        clock.set(Instant.parse("1980-07-01T01:00:00Z"));
        World world = data.world();
        byte[] shared = image();
        Post own = sent(world, "廃棄 1980 " + TestData.unique(), PostCategory.NOTICE, image());
        Post sharing = sent(world, "共有 1980 " + TestData.unique(), PostCategory.NOTICE, shared);
        // a draft carrying the same picture: still alive, so its bytes stay
        long again = upload(world, shared);
        workflow.create(world.poster(), new NewPost("下書き " + TestData.unique(), List.of(), List.of(),
                PostCategory.NOTICE, List.of(world.lineA().id()), clock.instant().plus(Duration.ofDays(1)), null, null,
                null, null, null, List.of(new MediaChoice(again, "同じ写真"))));
        String ownSha = own.content().media().getFirst().sha256();
        String sharedSha = sharing.content().media().getFirst().sha256();
        Staff auditor = staff.byUsername(world.auditor());

        clock.set(Instant.parse("1982-04-01T01:00:00Z"));
        disposals.approve(staff.byUsername(world.admin()), disposals.draw(auditor).id(), "満了");

        assertThat(library.stored(ownSha)).isFalse();
        assertThat(jdbc.sql("select count(*) from media_chunk where sha256 = :sha").param("sha", ownSha)
                .query(Long.class).single()).isZero();
        assertThat(library.stored(sharedSha)).isTrue();
        RecordView record = records.record(auditor, own.id());
        assertThat(record.text()).isEqualTo(own.content().text());
        assertThat(record.media().getFirst().sha256()).isEqualTo(ownSha);
        assertThat(record.media().getFirst().altText()).isEqualTo(own.content().media().getFirst().altText());
        assertThat(record.media().getFirst().bytesKept()).isFalse();
        assertThat(record.disposal()).isNotNull();
        JsonNode tombstone = JSON.readTree(records.row(auditor, own.id()).tombstone()).get("images").get(0);
        assertThat(tombstone.get("sha256").asString()).isEqualTo(ownSha);
        assertThat(tombstone.get("altText").asString()).isEqualTo(own.content().media().getFirst().altText());
        assertThat(tombstone.get("removed").valueStream().map(JsonNode::asString)).contains(ownSha);
        assertThat(JSON.readTree(records.row(auditor, sharing.id()).tombstone()).get("images").get(0).get("removed"))
                .isEmpty();
        assertThat(actions("RECORD", own.id())).contains("RECORD_DISPOSED");

        clock.set(Instant.now());
        Map<String, byte[]> zip = unzip(api(world.auditor()).download("/api/records/posts/" + own.id() + "/package.zip"));
        String note = new String(zip.get(folder(zip) + "media/1_" + ownSha + ".tombstone.txt"), StandardCharsets.UTF_8);
        assertThat(note).contains(ownSha, own.content().media().getFirst().altText());
    }

    @Test
    void theDisclosurePackageHoldsTheRecordAsJsonAndHtmlItsImagesAuditEntriesAndPersonalData() throws Exception {
        World world = data.world();
        String text = "<b>夏祭り</b> & 花火 " + TestData.unique();
        byte[] picture = image();
        Post post = sent(world, text, PostCategory.EVENT, picture, "担当 090-1234-5678 に確認済み");

        HttpResponse<byte[]> answer = api(world.auditor()).download("/api/records/posts/" + post.id() + "/package.zip");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, byte[]> zip = unzip(answer);
        String folder = folder(zip);
        assertThat(folder).contains(post.id().toString());
        JsonNode record = JSON.readTree(zip.get(folder + "record.json"));
        assertThat(record.get("postId").asString()).isEqualTo(post.id().toString());
        assertThat(record.get("text").asString()).isEqualTo(text);
        String html = new String(zip.get(folder + "record.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("&lt;b&gt;夏祭り&lt;/b&gt; &amp; 花火").doesNotContain("<b>夏祭り")
                .contains("保存期間の満了日", "監査証跡");
        String sha = post.content().media().getFirst().sha256();
        byte[] bytes = zip.get(folder + "media/1_" + sha + ".jpg");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(sha);
        JsonNode manifest = JSON.readTree(zip.get("manifest.json"));
        assertThat(manifest.get(0).get("matchesApproved").asBoolean()).isTrue();
        JsonNode audit = JSON.readTree(zip.get(folder + "audit.json"));
        Map<Long, Long> seqById = new LinkedHashMap<>();
        audit.valueStream().forEach(e -> seqById.put(e.get("id").asLong(), e.get("seq").asLong()));
        assertThat(seqById).isNotEmpty();
        seqById.forEach((id, seq) -> assertThat(jdbc.sql("select seq from audit_entry where id = :id").param("id", id)
                .query(Long.class).single()).as("entry " + id).isEqualTo(seq));
        assertThat(audit.valueStream().map(e -> e.get("subjectId").asString())).contains(post.id().toString());
        JsonNode personal = JSON.readTree(zip.get(folder + "personal-data.json"));
        assertThat(personal.valueStream().map(p -> p.get("rule").asString() + " " + p.get("value").asString()))
                .contains("PHONE_NUMBER 090-1234-5678");
        assertThat(html).contains("090-1234-5678");
    }

    @Test
    void aRangePackageHoldsTheRecordsFirstSentInTheRangeToTheAccount() throws IOException {
        World world = data.world();
        Post first = sent(world, "期間 1 " + TestData.unique(), PostCategory.NOTICE, null);
        Post second = sent(world, "期間 2 " + TestData.unique(), PostCategory.EMERGENCY, image());
        Instant from = clock.instant().minus(Duration.ofHours(1));
        Instant to = clock.instant().plus(Duration.ofHours(1));

        Map<String, byte[]> zip = unzip(api(world.auditor()).download("/api/records/package.zip?from=" + from
                + "&to=" + to + "&accountId=" + world.lineA().id()));

        JsonNode index = JSON.readTree(zip.get("index.json"));
        assertThat(index.valueStream().map(e -> e.get("postId").asString()))
                .containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
        assertThat(api(world.auditor()).download("/api/records/package.zip?accountId=" + world.lineA().id())
                .statusCode()).isEqualTo(400);
    }

    @Test
    void theSearchFindsRecordsByTextAccountCategoryAndPlatformPostId() {
        World world = data.world();
        String marker = "検索語" + TestData.unique();
        Post post = sent(world, "お知らせ " + marker, PostCategory.PRESS_RELEASE, null);
        String platformId = jdbc.sql("select platform_post_id from delivery where post_id = :post")
                .param("post", post.id().value()).query(String.class).single();
        Api auditor = api(world.auditor());

        JsonNode byText = auditor.get("/api/records?text=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8)
                + "&category=PRESS_RELEASE&accountId=" + world.lineA().id()).json();
        JsonNode byPlatformId = auditor.get("/api/records?platformPostId=" + platformId).json();

        assertThat(byText.valueStream().map(r -> r.get("postId").asString())).containsExactly(post.id().toString());
        assertThat(byText.get(0).get("retention").asString()).isEqualTo("FIVE_YEARS");
        assertThat(byPlatformId.valueStream().map(r -> r.get("postId").asString())).containsExactly(post.id().toString());
        assertThat(auditor.get("/api/records?text=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8)
                + "&category=EVENT").json()).isEmpty();
    }

    @Test
    void theAuditorsSearchPageFindsARecordInJapaneseAndOffersItsPackage() {
        World world = data.world();
        String marker = "ページ検索" + TestData.unique();
        Post post = sent(world, "<i>お知らせ</i> " + marker, PostCategory.NOTICE, null);
        PageSession auditor = PageSession.login(port, world.auditor(), TestData.PASSWORD);

        String page = auditor.page("/records?text=" + java.net.URLEncoder.encode(marker, StandardCharsets.UTF_8));

        assertThat(page).contains("記録（公文書）", "&lt;i&gt;お知らせ&lt;/i&gt;", "/records/posts/" + post.id() + "/package.zip")
                .doesNotContain("<i>お知らせ");
        assertThat(auditor.get("/records?from=not-a-date").statusCode()).isEqualTo(400);
        assertThat(PageSession.login(port, world.poster(), TestData.PASSWORD).get("/records").statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBacklogOfNewRecordsIsRegisteredInATransactionForEachBatchNotOneForAll() {
        World world = data.world();
        Post template = sent(world, "登録待ち " + TestData.unique(), PostCategory.NOTICE, null);
        // copies of a sent post and its delivery: more than one batch of registration (500) at once
        String postColumns = columns("post", "id");
        String deliveryColumns = columns("delivery", "id", "post_id");
        List<UUID> posts = jdbc.sql("""
                with copies as (
                    insert into post (id, %1$s)
                    select gen_random_uuid(), %1$s from post, generate_series(1, 700) where id = :template
                    returning id
                ), deliveries as (
                    insert into delivery (id, post_id, %2$s)
                    select gen_random_uuid(), c.id, %2$s from delivery, copies c where post_id = :template
                )
                select id from copies
                """.formatted(postColumns, deliveryColumns)).param("template", template.id().value())
                .query(UUID.class).list();

        registry.registerNew();

        // one transaction for the whole backlog would hold back the audit sealer for as long (AuditSealer)
        assertThat(jdbc.sql("""
                select count(*), count(distinct xmin::text) from post_record where post_id = any(:ids)
                """).param("ids", posts.toArray(UUID[]::new))
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .satisfies(counts -> {
                    assertThat(counts.get(0)).as("registered").isEqualTo(700);
                    assertThat(counts.get(1)).as("transactions").isGreaterThan(1);
                });
    }

    /** The table's columns one may insert into, but those named. */
    private String columns(String table, String... except) {
        return String.join(", ", jdbc.sql("""
                select column_name from information_schema.columns
                where table_name = :table and is_generated = 'NEVER' and column_name <> all(:except)
                order by ordinal_position
                """).param("table", table).param("except", except).query(String.class).list());
    }

    /** A post to LINE A, approved, and set SENT now as the dispatcher records a platform's answer. */
    private Post sent(World world, String text, PostCategory category, byte[] picture) {
        return sent(world, text, category, picture, "ok");
    }

    private Post sent(World world, String text, PostCategory category, byte[] picture, String approval) {
        List<MediaChoice> media = picture == null ? List.of()
                : List.of(new MediaChoice(upload(world, picture), "写真 " + TestData.unique()));
        Post post = workflow.create(world.poster(), new NewPost(text, List.of(), List.of(), category,
                List.of(world.lineA().id()), clock.instant().plus(Duration.ofHours(1)), null, null, null, null, null,
                media));
        workflow.submit(world.poster(), post.id());
        post = workflow.approve(world.approver(), post.id(), approval, Set.of(), workflow.get(post.id()).contentHash());
        jdbc.sql("""
                update delivery set status = 'SENT', platform_post_id = :platformId, sent_at = :at, due_at = null
                where post_id = :post
                """).param("platformId", "line-" + TestData.unique()).param("at", java.sql.Timestamp.from(clock.instant()))
                .param("post", post.id().value()).update();
        return post;
    }

    private long upload(World world, byte[] picture) {
        return library.upload(world.poster(), new ByteArrayInputStream(picture), "山車").id();
    }

    private static byte[] image() {
        return TestImages.noisyJpeg(32, 24, System.nanoTime());
    }

    private DisposalList drawIfDue(Staff auditor) {
        try {
            return disposals.draw(auditor);
        } catch (org.kohogateway.gateway.support.ConflictException nothingDue) {
            return new DisposalList(0, LocalDate.now(clock), DisposalList.Status.DRAWN, "-", clock.instant(), null,
                    null, null, List.of());
        }
    }

    private static List<PostId> idsOf(DisposalList list) {
        return list.items().stream().map(DisposalList.Item::post).toList();
    }

    private static DisposalList.Outcome outcome(DisposalList list, PostId post) {
        return list.items().stream().filter(i -> i.post().equals(post)).findFirst().orElseThrow().outcome();
    }

    private List<String> actions(String subjectType, Object subject) {
        return jdbc.sql("select action from audit_entry where subject_type = :type and subject_id = :id order by id")
                .param("type", subjectType).param("id", subject.toString()).query(String.class).list();
    }

    private static Map<String, byte[]> unzip(HttpResponse<byte[]> answer) throws IOException {
        assertThat(answer.statusCode()).as(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer.body()), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** The folder of the package's (first) record. */
    private static String folder(Map<String, byte[]> zip) {
        String json = zip.keySet().stream().filter(n -> n.endsWith("/record.json")).findFirst().orElseThrow();
        return json.substring(0, json.length() - "record.json".length());
    }
}
