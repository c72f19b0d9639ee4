package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.Delivery;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.DeliveryView;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.TestData;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Deliveries to X, Facebook and Instagram go through the real connectors to {@link SimulatedPlatforms}, checked
 * from WireMock's request journal. Each test marks its post's text with a random word and looks only at requests
 * carrying it (or its account's ids), since every test shares one simulator.
 */
class PlatformDeliveryIntegrationTest extends IntegrationTest {

    private static final String TWEETS = "/2/tweets";
    private static final String GRAPH = "/v22.0/";
    private static final URI LINK = URI.create("https://www.city.gotsu.lg.jp/soshiki/kanko/matsuri.html");
    private static final URI IMAGE = URI.create("https://www.city.gotsu.lg.jp/img/gonokawa.jpg");

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    OfficialAccounts accounts;

    private final WireMockServer wire = SimulatedPlatforms.shared().server();
    private final List<StubMapping> overrides = new ArrayList<>();

    @AfterEach
    void removeOverrides() {
        overrides.forEach(wire::removeStub);
    }

    // --- X

    @Test
    void postsToXWithOAuthAndRestrictsRepliesForANoReplyAccount() {
        World world = data.world();
        String marker = marker();
        String text = "江津市の秋祭りは11月30日に開催します。" + marker;
        Delivery delivery = only(data.approved(world, NewPost.of(text, List.of(LINK),
                PostCategory.EVENT, List.of(world.x().id()), null)));

        dispatcher.drain();

        ServeEvent request = onlyRequest(RequestMethod.POST, TWEETS, marker);
        DeliveryView sent = view(delivery);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.platformPostId()).matches("\\d{19}").isEqualTo(responseId(request));
        PlatformCredentials credentials = accounts.credentials(world.x().id());
        assertThat(request.getRequest().getHeader("Authorization"))
                .startsWith("OAuth ")
                .contains("oauth_consumer_key=\"" + credentials.get(PlatformCredentials.X_CONSUMER_KEY).orElseThrow() + "\"")
                .contains("oauth_token=\"" + credentials.get(PlatformCredentials.X_ACCESS_TOKEN).orElseThrow() + "\"")
                .contains("oauth_signature=");
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo(TWEETS))
                .withRequestBody(matchingJsonPath("$.text", equalTo(text + "\n" + LINK)))
                .withRequestBody(matchingJsonPath("$.reply_settings", equalTo("mentionedUsers")))))
                .as("the link written into the text, replies restricted to mentioned users (none)").hasSize(1);
        assertThat(request.getResponse().getBodyAsString()).as("the simulator echoes the text").contains(marker + "\\n");
    }

    @Test
    void leavesRepliesOpenOnAnXAccountThatAllowsThem() {
        World world = data.world();
        OfficialAccount open = data.account(world.departmentA(), Platform.X, "観光 X 返信可 " + marker(),
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.xCredentials(TestData.unique()));
        String marker = marker();
        Delivery delivery = only(data.approvedPost(world, "返信できる投稿です。" + marker, null, open));

        dispatcher.drain();

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(onlyRequest(RequestMethod.POST, TWEETS, marker).getRequest().getBodyAsString())
                .doesNotContain("reply_settings");
    }

    /** X's self-serve API tiers take no replies since 2026: refused at submit, not failed at send. */
    @Test
    void anAnswerToAnXPostIsRefusedAtSubmitAndNeverReachesX() {
        World world = data.world();
        OfficialAccount open = data.account(world.departmentA(), Platform.X, "観光 X 返信可 " + marker(),
                new OperatingPolicy(true, ReplyPolicy.REPLIES_ALLOWED), TestData.xCredentials(TestData.unique()));
        String marker = marker();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.approved(world, new NewPost(
                "ご質問ありがとうございます。" + marker, List.of(), List.of(), PostCategory.NOTICE, List.of(open.id()), null,
                null, URI.create("https://x.com/gotsu_citizen/status/1445880548472328100"), null, null, null)))
                .isInstanceOfSatisfying(org.kohogateway.gateway.support.PolicyViolationException.class,
                        e -> assertThat(e.findings().toString()).contains("REFERENCE_NOT_SUPPORTED"));
        dispatcher.drain();
        assertThat(requests(RequestMethod.POST, TWEETS, marker)).isEmpty();
    }

    @Test
    void makesAnXDeliveryWhoseAnswerWasLostUncertainAndNeverSendsItAgain() {
        World world = data.world();
        String marker = marker();
        override(post(urlPathEqualTo(TWEETS)).withRequestBody(containing(marker))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Delivery delivery = only(data.approvedPost(world, "接続が切れる投稿 " + marker, null, world.x()));

        dispatcher.drain();

        DeliveryView uncertain = view(delivery);
        assertThat(uncertain.status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(uncertain.platformPostId()).isNull();
        removeOverrides();
        overrides.clear();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.UNCERTAIN);
        assertThat(requests(RequestMethod.POST, TWEETS, marker)).as("X has no idempotency key: never re-sent").hasSize(1);
    }

    @Test
    void failsAnXDuplicateWithoutRetrying() {
        World world = data.world();
        String marker = marker();
        override(post(urlPathEqualTo(TWEETS)).withRequestBody(containing(marker))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("""
                                {"detail":"You are not allowed to create a Tweet with duplicate content.",
                                 "type":"about:blank","title":"Forbidden","status":403}
                                """)));
        Delivery delivery = only(data.approvedPost(world, "重複する投稿 " + marker, null, world.x()));

        dispatcher.drain();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        DeliveryView failed = view(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).contains("duplicate");
        assertThat(failed.attempts()).isOne();
        assertThat(requests(RequestMethod.POST, TWEETS, marker)).hasSize(1);
    }

    // --- Facebook

    @Test
    void postsTheTextAndFirstLinkToTheFacebookPageFeed() {
        World world = data.world();
        String marker = marker();
        Delivery delivery = only(data.approved(world, NewPost.of("江の川の花火大会のお知らせ " + marker, List.of(LINK),
                PostCategory.EVENT, List.of(world.facebook().id()), null)));

        dispatcher.drain();

        PlatformCredentials credentials = accounts.credentials(world.facebook().id());
        String pageId = credentials.get(PlatformCredentials.FACEBOOK_PAGE_ID).orElseThrow();
        ServeEvent request = onlyRequest(RequestMethod.POST, GRAPH + pageId + "/feed", marker);
        DeliveryView sent = view(delivery);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.platformPostId()).startsWith(pageId + "_").isEqualTo(responseId(request));
        assertThat(request.getRequest().formParameter("message").firstValue()).isEqualTo("江の川の花火大会のお知らせ " + marker);
        assertThat(request.getRequest().formParameter("link").firstValue()).isEqualTo(LINK.toString());
        assertThat(request.getRequest().formParameter("access_token").firstValue())
                .isEqualTo(credentials.get(PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN).orElseThrow());
    }

    /**
     * Facebook takes a photo's bytes, and an image a post names only by its address has none stored: the delivery
     * fails with that reason and nothing reaches the Page (until the media store keeps uploaded bytes, issue 19).
     */
    @Test
    void anImageKnownOnlyByItsAddressIsRefusedForFacebookWithoutARequest() {
        World world = data.world();
        String marker = marker();
        Delivery delivery = only(data.approvedPostWithImage(world, "江の川の夕景 " + marker, IMAGE, null, world.facebook()));

        dispatcher.drain();

        String pageId = accounts.credentials(world.facebook().id()).get(PlatformCredentials.FACEBOOK_PAGE_ID).orElseThrow();
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo(GRAPH + pageId + "/photos")))).isEmpty();
        assertThat(view(delivery).status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(view(delivery).lastError()).contains("no stored bytes");
    }

    // --- Instagram

    @Test
    void publishesAnImageToInstagramThroughAContainer() {
        World world = data.world();
        String marker = marker();
        Delivery delivery = only(data.approvedPostWithImage(world, "江の川の夕景。#江津市 " + marker, IMAGE, null,
                world.instagram()));

        dispatcher.drain();

        PlatformCredentials credentials = accounts.credentials(world.instagram().id());
        String igUser = credentials.get(PlatformCredentials.INSTAGRAM_IG_USER_ID).orElseThrow();
        String token = credentials.get(PlatformCredentials.INSTAGRAM_ACCESS_TOKEN).orElseThrow();
        ServeEvent container = onlyRequest(RequestMethod.POST, GRAPH + igUser + "/media", marker);
        assertThat(container.getRequest().formParameter("image_url").firstValue()).isEqualTo(IMAGE.toString());
        assertThat(container.getRequest().formParameter("caption").firstValue()).isEqualTo("江の川の夕景。#江津市 " + marker);
        assertThat(container.getRequest().formParameter("access_token").firstValue()).isEqualTo(token);
        String containerId = responseId(container);
        List<ServeEvent> publish = requests(RequestMethod.POST, GRAPH + igUser + "/media_publish", containerId);
        assertThat(publish).hasSize(1);
        assertThat(publish.getFirst().getRequest().formParameter("creation_id").firstValue()).isEqualTo(containerId);
        assertThat(requests(RequestMethod.GET, GRAPH + containerId, "")).as("status checked").isNotEmpty();
        DeliveryView sent = view(delivery);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.platformPostId()).isEqualTo(responseId(publish.getFirst()));
    }

    // --- credentials

    @Test
    void failsADeliveryWhoseAccountLacksACredentialNamingTheFieldNotTheValues() {
        World world = data.world();
        String n = TestData.unique();
        Map<String, String> x = new java.util.HashMap<>(TestData.xCredentials(n).values());
        x.remove(PlatformCredentials.X_ACCESS_TOKEN_SECRET);
        OfficialAccount incompleteX = data.account(world.departmentA(), Platform.X, "観光 X 不完全 " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), new PlatformCredentials(x));
        Map<String, String> facebook = new java.util.HashMap<>(TestData.facebookCredentials(n).values());
        facebook.put(PlatformCredentials.FACEBOOK_PAGE_ACCESS_TOKEN, " ");
        OfficialAccount incompleteFacebook = data.account(world.departmentA(), Platform.FACEBOOK, "観光 Facebook 不完全 " + n,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), new PlatformCredentials(facebook));
        String marker = marker();
        Post post = data.approvedPost(world, "資格情報のない投稿 " + marker, null, incompleteX, incompleteFacebook);

        dispatcher.drain();
        clock.advance(Duration.ofHours(1));
        dispatcher.drain();

        DeliveryView failedX = view(deliveryTo(post, incompleteX));
        assertThat(failedX.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failedX.attempts()).isOne();
        assertThat(failedX.lastError()).contains("'accessTokenSecret'");
        DeliveryView failedFacebook = view(deliveryTo(post, incompleteFacebook));
        assertThat(failedFacebook.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failedFacebook.lastError()).contains("'pageAccessToken'");
        for (String value : x.values()) {
            assertThat(failedX.lastError()).doesNotContain(value);
        }
        for (String value : facebook.values()) {
            if (!value.isBlank()) {
                assertThat(failedFacebook.lastError()).doesNotContain(value);
            }
        }
        assertThat(wire.findAll(anyRequestedFor(anyUrl()).withRequestBody(containing(marker)))).isEmpty();
    }

    // --- helpers

    private void override(com.github.tomakehurst.wiremock.client.MappingBuilder stub) {
        overrides.add(wire.stubFor(stub.atPriority(1)));
    }

    /** A word of random letters: never a phone number or a fuseji, unique to the test. */
    static String marker() {
        StringBuilder word = new StringBuilder("ref");
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    /** Requests to this method and path whose body (or, when empty, anything) contains the text. */
    private List<ServeEvent> requests(RequestMethod method, String path, String text) {
        return wire.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().equals(method))
                .filter(e -> pathOf(e.getRequest().getUrl()).equals(path))
                .filter(e -> text.isEmpty() || e.getRequest().getBodyAsString().contains(text)
                        || e.getRequest().getBodyAsString().contains(java.net.URLEncoder.encode(text,
                                java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
    }

    private ServeEvent onlyRequest(RequestMethod method, String path, String text) {
        List<ServeEvent> found = requests(method, path, text);
        assertThat(found).as(method + " " + path + " carrying " + text).hasSize(1);
        return found.getFirst();
    }

    private static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** The {@code id} the simulator answered with: {@code data.id} for X, {@code id} for the Graph API. */
    private static String responseId(ServeEvent event) {
        return jsonField(event.getResponse().getBodyAsString(), "id");
    }

    private static String jsonField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return m.group(1);
    }

    private DeliveryView view(Delivery delivery) {
        return sendLog.list(null, delivery.accountId(), 1000).stream()
                .filter(d -> d.id().equals(delivery.id()))
                .findFirst()
                .orElseThrow();
    }

    private static Delivery deliveryTo(Post post, OfficialAccount account) {
        return post.deliveries().stream().filter(d -> d.accountId() == account.id()).findFirst().orElseThrow();
    }

    private static Delivery only(Post post) {
        assertThat(post.deliveries()).hasSize(1);
        return post.deliveries().getFirst();
    }
}
