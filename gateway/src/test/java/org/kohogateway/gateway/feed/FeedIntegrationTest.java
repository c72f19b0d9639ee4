package org.kohogateway.gateway.feed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.post.ApprovalRoute;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.PostStatus;
import org.kohogateway.gateway.post.PostWorkflow;
import org.kohogateway.gateway.support.SafeFetch;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData;
import org.kohogateway.gateway.testing.TestData.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/** The press-release feed against a WireMock server: new items become PR drafts once, conditional GET, bad feeds. */
class FeedIntegrationTest extends IntegrationTest {

    private static WireMockServer server;

    @Autowired
    PressReleaseFeed feed;

    @Autowired
    PostWorkflow workflow;

    @Autowired
    FeedProperties feedProperties;

    @Autowired
    FeedItems items;

    @Autowired
    Clock gatewayClock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    SafeFetch safeFetch;

    @BeforeAll
    static void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void turnsEachNewItemIntoOnePrDirectDraftAndNeverTwice() {
        World world = data.world();
        String n = TestData.unique();
        String path = "/press-" + n + ".xml";
        String first = "https://www.city.gotsu.lg.jp/press/" + n + "/1.html";
        String second = "https://www.city.gotsu.lg.jp/press/" + n + "/2.html";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", "application/rss+xml")
                .withBody(rss(item("市長が記者会見を行いました", first), item("江津市の新しい観光パンフレット", second)))));

        FeedPoll poll = feed.poll(source(world, path)).orElseThrow();
        FeedPoll again = feed.poll(source(world, path)).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.NEW_ITEMS);
        assertThat(poll.newItems()).isEqualTo(2);
        assertThat(again.outcome()).isEqualTo(FeedPoll.Outcome.NO_NEW_ITEMS);
        var post = workflow.get(feed.draftOf(first).orElseThrow());
        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(post.route()).isEqualTo(ApprovalRoute.PR_DIRECT);
        assertThat(post.content().category()).isEqualTo(PostCategory.PRESS_RELEASE);
        assertThat(post.content().text()).isEqualTo("【報道発表】市長が記者会見を行いました");
        assertThat(post.sourceUrl()).isEqualTo(first);
        assertThat(post.accountIds()).containsExactly(world.cityLine().id());
        assertThat(feed.draftOf(second)).isPresent();
    }

    @Test
    void secondPollSendsTheValidatorsAndHandlesNotModified() {
        World world = data.world();
        String n = TestData.unique();
        String path = "/conditional-" + n + ".xml";
        String etag = "\"v1-" + n + "\"";
        String lastModified = "Tue, 24 Nov 2026 08:00:00 GMT";
        server.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", absent()).willReturn(aResponse()
                .withHeader("ETag", etag).withHeader("Last-Modified", lastModified)
                .withBody(rss(item("お知らせ", "https://www.city.gotsu.lg.jp/press/" + n + ".html")))));
        server.stubFor(get(urlEqualTo(path)).withHeader("If-None-Match", equalTo(etag))
                .willReturn(aResponse().withStatus(304)));

        FeedPoll first = feed.poll(source(world, path)).orElseThrow();
        FeedPoll second = feed.poll(source(world, path)).orElseThrow();

        assertThat(first.outcome()).isEqualTo(FeedPoll.Outcome.NEW_ITEMS);
        assertThat(second.outcome()).isEqualTo(FeedPoll.Outcome.NOT_MODIFIED);
        assertThat(second.httpStatus()).isEqualTo(304);
        server.verify(1, getRequestedFor(urlEqualTo(path)).withHeader("If-None-Match", equalTo(etag))
                .withHeader("If-Modified-Since", equalTo(lastModified)));
    }

    @Test
    void aMalformedFeedIsReportedNotFatal() {
        World world = data.world();
        String path = "/broken-" + TestData.unique() + ".xml";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody("<rss><channel><item>壊れた")));

        FeedPoll poll = feed.poll(source(world, path)).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.httpStatus()).isEqualTo(200);
        assertThat(poll.problem()).contains("not a readable RSS/Atom feed");
        assertThat(feed.polls(50)).extracting(FeedPoll::id).contains(poll.id());
    }

    @Test
    void anHttpErrorIsReportedWithItsStatus() {
        World world = data.world();
        String path = "/error-" + TestData.unique() + ".xml";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));

        FeedPoll poll = feed.poll(source(world, path)).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.httpStatus()).isEqualTo(503);
    }

    @Test
    void anUnreachableHostIsReportedNotFatal() {
        World world = data.world();
        WireMockServer gone = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        gone.start();
        int port = gone.port();
        gone.stop();

        FeedPoll poll = feed.poll(new FeedSource(URI.create("http://localhost:" + port + "/feed.xml"), world.pr(),
                List.of(world.cityLine().id()))).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.httpStatus()).isNull();
        assertThat(poll.problem()).startsWith("unreachable");
    }

    @Test
    void aFeedRedirectedToAnotherHostIsNotFollowed() {
        World world = data.world();
        String n = TestData.unique();
        String elsewhere = "http://127.0.0.1:" + server.port() + "/elsewhere-" + n + ".xml";
        server.stubFor(get(urlEqualTo("/moved-" + n + ".xml")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", elsewhere)));
        server.stubFor(get(urlEqualTo("/elsewhere-" + n + ".xml")).willReturn(aResponse()
                .withBody(rss(item("転送先", "https://www.city.gotsu.lg.jp/press/" + n + ".html")))));

        FeedPoll poll = feed.poll(source(world, "/moved-" + n + ".xml")).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.httpStatus()).isEqualTo(302);
        server.verify(0, getRequestedFor(urlEqualTo("/elsewhere-" + n + ".xml")));
    }

    @Test
    void aFeedInAPrivateNetworkIsRefusedWithoutConnecting() {
        World world = data.world();

        FeedPoll poll = feed.poll(new FeedSource(URI.create("https://10.255.255.1/feed-" + TestData.unique() + ".xml"),
                world.pr(), List.of(world.cityLine().id()))).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.httpStatus()).isNull();
        assertThat(poll.problem()).startsWith("refused").contains("10.255.255.1");
    }

    @Test
    void aFeedLargerThanTheBoundIsRefused() {
        World world = data.world();
        String path = "/huge-" + TestData.unique() + ".xml";
        String filler = "<!-- " + "x".repeat(3 * 1024 * 1024) + " -->";
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse()
                .withBody(rss(item("大きすぎる", "https://www.city.gotsu.lg.jp/press/huge.html")) + filler)));

        FeedPoll poll = feed.poll(source(world, path)).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.FAILED);
        assertThat(poll.problem()).contains("larger than");
    }

    @Test
    void anItemOutsideTheOfficialDomainsIsReportedOnceAndNotDrafted() {
        World world = data.world();
        String n = TestData.unique();
        String path = "/foreign-" + n + ".xml";
        String link = "https://news.example.com/" + n;
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withBody(rss(item("他サイトの記事", link)))));

        FeedPoll poll = feed.poll(source(world, path)).orElseThrow();
        FeedPoll again = feed.poll(source(world, path)).orElseThrow();

        assertThat(poll.outcome()).isEqualTo(FeedPoll.Outcome.NO_NEW_ITEMS);
        assertThat(poll.problem()).contains(link);
        assertThat(again.problem()).isNull();
        assertThat(feed.draftOf(link)).isEmpty();
    }

    @Test
    void twoInstancesPollingAtOnceFetchTheFeedOnce() throws Exception {
        World world = data.world();
        String n = TestData.unique();
        String path = "/shared-" + n + ".xml";
        // slow enough that both instances are polling at the same time
        server.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withFixedDelay(1500)
                .withBody(rss(item("同時の取り込み", "https://www.city.gotsu.lg.jp/press/" + n + ".html")))));
        PressReleaseFeed otherInstance = new PressReleaseFeed(feedProperties, items, workflow, gatewayClock,
                transactions, safeFetch);

        CountDownLatch start = new CountDownLatch(1);
        List<Optional<FeedPoll>> polls;
        try (ExecutorService instances = Executors.newFixedThreadPool(2)) {
            List<Future<Optional<FeedPoll>>> running = List.of(feed, otherInstance).stream()
                    .map(instance -> instances.submit(() -> {
                        start.await();
                        return instance.poll(source(world, path));
                    })).toList();
            start.countDown();
            polls = new ArrayList<>();
            for (Future<Optional<FeedPoll>> poll : running) {
                polls.add(poll.get());
            }
        }

        server.verify(1, getRequestedFor(urlEqualTo(path)));
        assertThat(polls).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(otherInstance.poll(source(world, path))).as("the next poll, once the first finished").isPresent();
    }

    @Test
    void pollsAreVisibleToPrOfficersButNotToPosters() {
        World world = data.world();
        assertThat(api(world.pr()).get("/api/feed/polls").status()).isEqualTo(200);
        assertThat(api(world.auditor()).get("/api/feed/polls").status()).isEqualTo(200);
        assertThat(api(world.poster()).get("/api/feed/polls").status()).isEqualTo(403);
    }

    private FeedSource source(World world, String path) {
        return new FeedSource(URI.create(server.baseUrl() + path), world.pr(), List.of(world.cityLine().id()));
    }

    static String rss(String... items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>江津市 報道発表</title><link>https://www.city.gotsu.lg.jp/</link>
                <description>江津市の報道発表資料</description>
                """ + String.join("\n", items) + "</channel></rss>";
    }

    static String item(String title, String link) {
        return "<item><title>" + title + "</title><link>" + link + "</link><description>" + title
                + "の詳細</description></item>";
    }
}
