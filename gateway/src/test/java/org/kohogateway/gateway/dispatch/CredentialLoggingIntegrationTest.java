package org.kohogateway.gateway.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kohogateway.connectors.Platform;
import org.kohogateway.gateway.account.OfficialAccount;
import org.kohogateway.gateway.account.OfficialAccounts;
import org.kohogateway.gateway.account.OperatingPolicy;
import org.kohogateway.gateway.account.PlatformCredentials;
import org.kohogateway.gateway.account.ReplyPolicy;
import org.kohogateway.gateway.demo.SimulatedPlatforms;
import org.kohogateway.gateway.post.Deliveries;
import org.kohogateway.gateway.post.DeliveryStatus;
import org.kohogateway.gateway.post.NewPost;
import org.kohogateway.gateway.post.Post;
import org.kohogateway.gateway.post.PostCategory;
import org.kohogateway.gateway.post.SendLog;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.kohogateway.gateway.testing.TestData.World;
import org.kohogateway.gateway.testing.TestData;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Dispatching to all four platforms, with successes, a lost answer and a missing credential, writes no credential
 * value to the log or to standard output/error, with the gateway's and the connectors' own loggers at DEBUG, in the
 * plain format and in the structured (JSON) formats alike.
 *
 * <p>The Facebook Page id and the Instagram user id are not checked: they are public identifiers, part of every
 * request path and of Facebook post ids, not secrets.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialLoggingIntegrationTest extends IntegrationTest {

    private static final Set<String> PUBLIC_IDS = Set.of(PlatformCredentials.FACEBOOK_PAGE_ID,
            PlatformCredentials.INSTAGRAM_IG_USER_ID);

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    Deliveries deliveries;

    @Autowired
    SendLog sendLog;

    @Autowired
    OfficialAccounts accounts;

    private final WireMockServer wire = SimulatedPlatforms.shared().server();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger gateway = (Logger) LoggerFactory.getLogger("org.kohogateway");
    private Level gatewayLevel;
    private StubMapping lostAnswer;

    @BeforeEach
    void captureLogs() {
        gatewayLevel = gateway.getLevel();
        gateway.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        appender.stop();
        gateway.setLevel(gatewayLevel);
        if (lostAnswer != null) {
            wire.removeStub(lostAnswer);
        }
    }

    @Test
    void logsNoCredentialWhileDispatchingToEveryPlatform(CapturedOutput output) {
        World world = data.world();
        String marker = PlatformDeliveryIntegrationTest.marker();
        Map<String, String> incomplete = new HashMap<>(TestData.xCredentials(TestData.unique()).values());
        incomplete.remove(PlatformCredentials.X_CONSUMER_SECRET);
        OfficialAccount incompleteX = data.account(world.departmentA(), Platform.X, "観光 X 不完全 " + marker,
                new OperatingPolicy(true, ReplyPolicy.NO_REPLIES), new PlatformCredentials(incomplete));
        lostAnswer = wire.stubFor(post(urlPathEqualTo("/2/tweets")).atPriority(1)
                .withRequestBody(containing("lost-" + marker))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Post text = data.approved(world, NewPost.of("資格情報のログ確認 " + marker,
                List.of(URI.create("https://www.city.gotsu.lg.jp/")), PostCategory.NOTICE,
                List.of(world.lineA().id(), world.x().id(), world.facebook().id(), incompleteX.id()), null));
        Post image = data.approvedPostWithImage(world, "資格情報のログ確認 画像 " + marker,
                URI.create("https://www.city.gotsu.lg.jp/img/gonokawa.jpg"), null, world.instagram());
        Post lost = data.approvedPost(world, "lost-" + marker, null, world.x());

        dispatcher.drain();

        assertThat(Stream.of(text, image).flatMap(p -> p.deliveries().stream()).map(d -> status(d.accountId(), d.id())))
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.SENT, DeliveryStatus.SENT,
                        DeliveryStatus.SENT, DeliveryStatus.FAILED);
        assertThat(status(world.x().id(), lost.deliveries().getFirst().id())).isEqualTo(DeliveryStatus.UNCERTAIN);

        List<ILoggingEvent> events = captured();
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent event : events) {
            logged.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(String.join("\n", logged)).as("the capture saw the connectors at work")
                .contains("LINE broadcast", "X post", "Facebook post", "Instagram publication", "unknown outcome");

        List<String> secrets = new ArrayList<>(secrets(incomplete));
        for (OfficialAccount account : List.of(world.lineA(), world.x(), world.facebook(), world.instagram())) {
            secrets.addAll(secrets(accounts.credentials(account.id()).values()));
        }
        assertThat(secrets).hasSize(3 + 1 + 4 + 1 + 1);
        // what LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs or logstash would write: the same events, with MDC, key-value
        // pairs and stack traces as JSON fields
        String structured = structured("ecs", events) + structured("logstash", events);
        assertThat(structured).contains("\"ecs\":{\"version\"", "\"level_value\"", "LINE broadcast");
        for (String secret : secrets) {
            assertThat(logged).as("log events").noneMatch(line -> line.contains(secret));
            assertThat(structured).as("structured log lines").doesNotContain(secret);
            assertThat(output.getAll()).as("standard output and error").doesNotContain(secret);
        }
    }

    /**
     * What was captured so far. The gateway's background threads (the sealer, the records, the lease renewal) may
     * still log while the test reads: the appender adds under its own lock, so the copy is taken under it.
     */
    private List<ILoggingEvent> captured() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    private String structured(String format, List<ILoggingEvent> events) {
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(root.getLoggerContext());
        encoder.setFormat(format);
        encoder.start();
        StringBuilder lines = new StringBuilder();
        for (ILoggingEvent event : events) {
            lines.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
        encoder.stop();
        return lines.toString();
    }

    private static List<String> secrets(Map<String, String> credentials) {
        return credentials.entrySet().stream()
                .filter(e -> !PUBLIC_IDS.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private DeliveryStatus status(long accountId, java.util.UUID deliveryId) {
        return sendLog.list(null, accountId, 1000).stream()
                .filter(d -> d.id().equals(deliveryId))
                .findFirst()
                .orElseThrow()
                .status();
    }
}
