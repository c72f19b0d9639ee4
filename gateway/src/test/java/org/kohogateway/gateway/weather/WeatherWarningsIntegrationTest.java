package org.kohogateway.gateway.weather;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.PostId;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.staff.Department;
import org.kohogateway.gateway.staff.Role;
import org.kohogateway.gateway.staff.StaffDirectory;
import org.kohogateway.gateway.template.Placeholder;
import org.kohogateway.gateway.template.PlaceholderType;
import org.kohogateway.gateway.template.PostTemplates;
import org.kohogateway.gateway.template.TemplateDraft;
import org.kohogateway.gateway.template.WarningAnswer;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The poller against a WireMock JMA: a warning for Gotsu City becomes one stored, audited change and one notification
 * to the disaster-prevention department; 304s, entries listed twice, reports re-sent, malformed and drill reports
 * add nothing.
 */
class WeatherWarningsIntegrationTest extends IntegrationTest {

    private static final String GOTSU = "3220700";
    private static final String LAST_MODIFIED = "Wed, 01 Jul 2026 01:30:45 GMT";
    /** Each test's report is issued at another minute, so the stored changes of one test never hide another's. */
    private static final AtomicLong MINUTE = new AtomicLong(System.currentTimeMillis() / 60_000);

    private static WireMockServer jma;

    @Autowired
    WeatherWarnings warnings;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PostTemplates templates;

    @Autowired
    PostWorkflow posts;

    @BeforeAll
    static void start() {
        jma = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        jma.start();
    }

    @AfterAll
    static void stop() {
        jma.stop();
    }

    @Test
    void aWarningIssuedForTheCityIsStoredAuditedAndToldToTheDepartmentOnce() {
        String bosai = disasterPreventionOfficer();
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        URI feed = feed(List.of(entry));
        report(entry, gotsuWarning(reportedAt));

        WeatherPoll poll = pollOnce(feed);
        awaitReactions();

        assertThat(poll.outcome()).isEqualTo(WeatherPoll.Outcome.READ);
        assertThat(poll.reports()).as("the earthquake report in the feed is not fetched").isEqualTo(1);
        assertThat(poll.changes()).as("大雨警報 issued; 洪水注意報 is an advisory, 雷注意報 continues, 浜田市 is not ours")
                .isEqualTo(1);
        List<WeatherWarningEvent> stored = changesAt(reportedAt);
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.kindName()).isEqualTo("大雨警報");
            assertThat(e.areaName()).isEqualTo("江津市");
            assertThat(e.change()).isEqualTo(WarningChange.ISSUED);
            assertThat(e.sourceEntryId()).isEqualTo("urn:uuid:" + entry);
        });
        long id = stored.get(0).id();
        assertThat(jdbc.sql("select count(*) from audit_entry where subject_type = 'WEATHER_WARNING' and subject_id = :id")
                .param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                select count(*) from notification where kind = 'WEATHER_WARNING' and channel = 'EMAIL'
                and staff_id = :staff and body like :event""").param("staff", staff.byUsername(bosai).id())
                .param("event", "%\"warningEventId\":" + id + ",%").query(Long.class).single()).isEqualTo(1);
        assertThat(api(bosai).get("/api/weather/warnings").body()).contains("\"id\":" + id + ",").contains("大雨警報");
    }

    @Test
    void aSecondPollAnsweredNotModifiedFindsNothingNew() {
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        URI feed = conditionalFeed(entry);
        String path = feed.getPath();
        report(entry, gotsuWarning(reportedAt));

        WeatherPoll first = pollOnce(feed);
        WeatherPoll second = pollOnce(feed);

        assertThat(first.changes()).isEqualTo(1);
        assertThat(second.outcome()).isEqualTo(WeatherPoll.Outcome.NOT_MODIFIED);
        assertThat(second.changes()).isZero();
        assertThat(changesAt(reportedAt)).hasSize(1);
        jma.verify(1, getRequestedFor(urlEqualTo(path)).withHeader("If-None-Match", equalTo(etag(entry)))
                .withHeader("If-Modified-Since", equalTo(LAST_MODIFIED)));
        jma.verify(1, getRequestedFor(urlEqualTo("/jma/data/" + entry + ".xml")));
    }

    @Test
    void anEntryListedTwiceOrAReportResentUnderAnotherEntryIsOneChange() {
        String bosai = disasterPreventionOfficer();
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        String resent = UUID.randomUUID().toString();
        byte[] report = gotsuWarning(reportedAt);
        report(entry, report);
        report(resent, report);
        URI feed = feed(List.of(entry, entry, resent));

        WeatherPoll first = pollOnce(feed);
        WeatherPoll again = pollOnce(feed);
        awaitReactions();

        assertThat(first.reports()).as("the entry listed twice is fetched once, the re-sent one too").isEqualTo(2);
        assertThat(first.changes()).isEqualTo(1);
        assertThat(again.reports()).as("entries read before are not fetched again").isZero();
        assertThat(changesAt(reportedAt)).hasSize(1);
        jma.verify(1, getRequestedFor(urlEqualTo("/jma/data/" + entry + ".xml")));
        assertThat(jdbc.sql("select count(*) from notification where kind = 'WEATHER_WARNING' and staff_id = :staff")
                .param("staff", staff.byUsername(bosai).id()).query(Long.class).single()).as("told once")
                .isEqualTo(1);
    }

    @Test
    void aMalformedReportIsSkippedAndCountedWhileTheRestIsRead() {
        Instant reportedAt = nextReportTime();
        String broken = UUID.randomUUID().toString();
        String entry = UUID.randomUUID().toString();
        report(broken, JmaXmlTest.sample("malformed-report.xml"));
        report(entry, gotsuWarning(reportedAt));
        URI feed = feed(List.of(entry, broken));
        double before = malformedCount();

        WeatherPoll poll = pollOnce(feed);
        WeatherPoll again = pollOnce(feed);

        assertThat(poll.malformed()).isEqualTo(1);
        assertThat(poll.changes()).isEqualTo(1);
        assertThat(malformedCount()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select outcome from weather_report where entry_id = :id").param("id", "urn:uuid:" + broken)
                .query(String.class).single()).isEqualTo("MALFORMED");
        assertThat(again.malformed()).as("recorded: not fetched and counted every minute").isZero();
        jma.verify(1, getRequestedFor(urlEqualTo("/jma/data/" + broken + ".xml")));
    }

    @Test
    void anotherOfficesReportIsNotEvenFetched() {
        String entry = UUID.randomUUID().toString();
        report(entry, gotsuWarning(nextReportTime()));
        String path = "/jma/feed/elsewhere-" + TestData.unique() + ".xml";
        jma.stubFor(get(urlEqualTo(path)).willReturn(aResponse()
                .withBody(feedXml(List.of(entry)).replace("松江地方気象台", "福島地方気象台"))));

        WeatherPoll poll = pollOnce(URI.create(jma.baseUrl() + path));

        assertThat(poll.reports()).isZero();
        jma.verify(0, getRequestedFor(urlEqualTo("/jma/data/" + entry + ".xml")));
    }

    @Test
    void aDrillReportIsNeverActedOn() {
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        report(entry, new String(gotsuWarning(reportedAt), StandardCharsets.UTF_8)
                .replace("<Status>通常</Status>", "<Status>訓練</Status>").getBytes(StandardCharsets.UTF_8));

        WeatherPoll poll = pollOnce(feed(List.of(entry)));

        assertThat(poll.reports()).isEqualTo(1);
        assertThat(poll.changes()).isZero();
        assertThat(changesAt(reportedAt)).isEmpty();
    }

    @Test
    void aReportThatCouldNotBeFetchedIsTriedAgainNotHiddenBehindA304() {
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        URI feed = conditionalFeed(entry);
        jma.stubFor(get(urlEqualTo("/jma/data/" + entry + ".xml")).willReturn(aResponse().withStatus(503)));

        WeatherPoll failed = pollOnce(feed);
        report(entry, gotsuWarning(reportedAt));
        WeatherPoll retried = pollOnce(feed);

        assertThat(failed.problem()).contains("HTTP 503");
        assertThat(retried.outcome()).isEqualTo(WeatherPoll.Outcome.READ);
        assertThat(retried.changes()).isEqualTo(1);
    }

    @Test
    void theDemosSimulatedJmaHasOneHeavyRainWarningForGotsuAndThenAnswersNotModified() {
        URI feed = SimulatedPlatforms.shared().jmaFeed();

        pollOnce(feed);
        WeatherPoll again = pollOnce(feed);

        assertThat(changesAt(Instant.parse("2026-07-01T01:30:00Z"))).singleElement()
                .satisfies(e -> assertThat(e.kindName()).isEqualTo("大雨警報"));
        assertThat(again.outcome()).isEqualTo(WeatherPoll.Outcome.NOT_MODIFIED);
    }

    @Test
    void aWarningLiftedDraftsOnePostFromTheTemplateAnsweringTheLiftAndNoneFromTheIssueOnlyOne() {
        Department bosai = bosai();
        String poster = disasterPreventionOfficer();
        String head = "bosai-head-" + TestData.unique();
        staff.addStaff(head, head, TestData.PASSWORD, bosai.id(), Set.of(Role.APPROVER));
        OfficialAccount x = data.account(bosai, Platform.X, "防災 X " + TestData.unique(),
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), TestData.xCredentials(TestData.unique()));
        // the issue-only template first: the drafts are made in the templates' order, so once the lift's is made the
        // issue-only one has been passed over
        long issueOnly = approvedTemplate(poster, head, x, "大雨警報発表 ", WarningAnswer.ISSUED,
                "{{時刻}}、{{警報}}が発表されました。");
        long lift = approvedTemplate(poster, head, x, "大雨警報解除 ", WarningAnswer.LIFTED,
                "{{時刻}}、{{警報}}は解除されました。");
        Instant reportedAt = nextReportTime();
        String entry = UUID.randomUUID().toString();
        URI feed = feed(List.of(entry));
        report(entry, gotsuReport("gotsu-heavy-rain-lifted.xml", reportedAt));

        WeatherPoll poll = pollOnce(feed);
        awaitReactions();

        assertThat(poll.changes()).as("大雨警報 lifted; 洪水注意報 and 雷注意報 continue").isEqualTo(1);
        WeatherWarningEvent lifted = changesAt(reportedAt).getFirst();
        assertThat(lifted.change()).isEqualTo(WarningChange.LIFTED);
        List<Long> drafted = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                select template_id from weather_draft where warning_event_id = :event and template_id in (:templates)
                """).param("event", lifted.id()).param("templates", List.of(issueOnly, lift)).query(Long.class)
                .list(), ids -> !ids.isEmpty());
        assertThat(drafted).containsExactly(lift);
        UUID post = jdbc.sql("select post_id from weather_draft where warning_event_id = :event and template_id = :lift")
                .param("event", lifted.id()).param("lift", lift).query(UUID.class).single();
        assertThat(posts.get(new PostId(post)).content().text()).as("the time and the kind filled in")
                .isEqualTo(DateTimeFormatter.ofPattern("HH時mm分").withZone(ZoneId.of("Asia/Tokyo")).format(reportedAt)
                        + "、大雨警報は解除されました。");
    }

    private long approvedTemplate(String poster, String head, OfficialAccount account, String name,
            WarningAnswer answer, String text) {
        long id = templates.create(staff.byUsername(poster), new TemplateDraft(name + TestData.unique(), text,
                List.of(new Placeholder("時刻", PlaceholderType.TIME, null, 0),
                        new Placeholder("警報", PlaceholderType.TEXT, null, 20)),
                List.of(account.id()), null, List.of("03"), null, answer)).id();
        templates.submit(staff.byUsername(poster), id);
        templates.approve(staff.byUsername(head), id, null);
        return id;
    }

    private WeatherPoll pollOnce(URI feed) {
        return warnings.poll(List.of(feed)).orElseThrow().get(0);
    }

    private List<WeatherWarningEvent> changesAt(Instant reportedAt) {
        return warnings.recent(500).stream()
                .filter(e -> e.reportedAt().equals(reportedAt) && e.areaCode().equals(GOTSU)).toList();
    }

    private double malformedCount() {
        return meters.get("gateway.weather.malformed").counter().count();
    }

    /** A person of 防災安全課 (the department {@code gateway.weather.department} names) with an e-mail address. */
    private String disasterPreventionOfficer() {
        Department bosai = bosai();
        String username = "bosai-" + TestData.unique();
        staff.addStaff(username, username, TestData.PASSWORD, bosai.id(), Set.of(Role.POSTER));
        staff.changeEmail(username, username + "@city.example.jp");
        return username;
    }

    private Department bosai() {
        return staff.departmentByCode("bosai").orElseGet(() -> staff.addDepartment("bosai", "防災安全課", false));
    }

    private static Instant nextReportTime() {
        return Instant.ofEpochSecond(MINUTE.incrementAndGet() * 60);
    }

    /** The Gotsu sample, issued at this time. */
    private static byte[] gotsuWarning(Instant reportedAt) {
        return gotsuReport("gotsu-heavy-rain-warning.xml", reportedAt);
    }

    /** A Gotsu sample, reported at this time. */
    private static byte[] gotsuReport(String sample, Instant reportedAt) {
        String at = OffsetDateTime.ofInstant(reportedAt, ZoneOffset.ofHours(9)).toString();
        return new String(JmaXmlTest.sample(sample), StandardCharsets.UTF_8)
                .replaceFirst("<ReportDateTime>[^<]+</ReportDateTime>", "<ReportDateTime>" + at + "</ReportDateTime>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void report(String entry, byte[] xml) {
        jma.stubFor(get(urlEqualTo("/jma/data/" + entry + ".xml"))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml").withBody(xml)));
    }

    /** A feed listing this entry, with an ETag and a Last-Modified; asked with the ETag, it answers 304. */
    private static URI conditionalFeed(String entry) {
        String path = "/jma/feed/conditional-" + TestData.unique() + ".xml";
        jma.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", absent()).willReturn(aResponse()
                .withHeader("ETag", etag(entry)).withHeader("Last-Modified", LAST_MODIFIED)
                .withBody(feedXml(List.of(entry)))));
        jma.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", equalTo(etag(entry)))
                .willReturn(aResponse().withStatus(304)));
        return URI.create(jma.baseUrl() + path);
    }

    private static String etag(String entry) {
        return "\"" + entry + "\"";
    }

    private static URI feed(List<String> entries) {
        String path = "/jma/feed/extra-" + TestData.unique() + ".xml";
        jma.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/atom+xml")
                .withBody(feedXml(entries))));
        return URI.create(jma.baseUrl() + path);
    }

    /** The Gotsu feed sample with these warnings entries (and its earthquake entry, which is never fetched). */
    private static String feedXml(List<String> entries) {
        String sample = new String(JmaXmlTest.sample("gotsu-feed.xml"), StandardCharsets.UTF_8)
                .replace("{{base}}", jma.baseUrl());
        int start = sample.indexOf("  <entry>");
        int end = sample.indexOf("  <entry>", start + 1);
        String warning = sample.substring(start, end);
        StringBuilder listed = new StringBuilder();
        for (String entry : entries) {
            listed.append(warning.replace("{{entry}}", entry));
        }
        return sample.substring(0, start) + listed + sample.substring(end);
    }
}
