package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.kohogateway.connectors.PublicationBuilder.aPublication;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kohogateway.connectors.ProfileReading;
import org.kohogateway.connectors.Publication;
import org.kohogateway.connectors.PublishOutcome;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * Checks every request the LINE connector sends against LINE's own OpenAPI document
 * ({@code shared/contracts/line-messaging-api.yml}, next to the repository): the path and method must be
 * an operation of the document, and headers, query and JSON body must match its schemas. WireMock stands in
 * for LINE and records the requests; the validator never sees a stub's answer.
 */
class LineOpenApiContractTest {

    /** Overrides where the OpenAPI document is looked for. */
    static final String SPEC_PROPERTY = "koho.line-openapi";
    private static final Path SPEC_RELATIVE = Path.of("shared", "contracts", "line-messaging-api.yml");

    private static final String TOKEN = "line-test-channel-token-contract-0e0e";
    private static final String TESTER = "U4af4980629a1b2c3d4e5f60718293a4b";
    private static final String TEXT = "江津市からのお知らせ：本日の水道工事は予定どおり実施します。";

    @RegisterExtension
    static WireMockExtension line = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static OpenApiInteractionValidator validator;

    private final UUID deliveryKey = UUID.randomUUID();

    @BeforeAll
    static void loadLinesOpenApiDocument() {
        Path spec = locateSpec();
        validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString()).build();
    }

    @Test
    void theBroadcastOfTextLinksAndImagesMatchesTheDocument() {
        line.stubFor(post("/v2/bot/message/broadcast").willReturn(okJson("{}")));
        Publication publication = aPublication().deliveryKey(deliveryKey).text(TEXT)
                .links(URI.create("https://www.city.gotsu.lg.jp/suido/"))
                .media(URI.create("https://www.city.gotsu.lg.jp/img/1.jpg"), URI.create("https://www.city.gotsu.lg.jp/img/2.jpg"))
                .noReplies().build();

        assertThat(connector().publish(publication)).isInstanceOf(PublishOutcome.Published.class);

        assertEveryRequestMatchesTheDocument(1);
    }

    @Test
    void thePreviewPushMatchesTheDocument() {
        line.stubFor(post("/v2/bot/message/push").willReturn(okJson("{\"sentMessages\":[{\"id\":\"461230966842064897\"}]}")));
        Publication publication = aPublication().deliveryKey(deliveryKey).text(TEXT)
                .media(URI.create("https://www.city.gotsu.lg.jp/img/1.jpg")).build();

        assertThat(connector().pushPreview(TESTER, publication)).isInstanceOf(PublishOutcome.Published.class);

        assertEveryRequestMatchesTheDocument(1);
    }

    @Test
    void theQuotaReadingsMatchTheDocument() {
        line.stubFor(get("/v2/bot/message/quota").willReturn(okJson("{\"type\":\"limited\",\"value\":1000}")));
        line.stubFor(get("/v2/bot/message/quota/consumption").willReturn(okJson("{\"totalUsage\":500}")));

        assertThat(connector().quota()).isEqualTo(new LineQuota.Limited(1000, 500));

        assertEveryRequestMatchesTheDocument(2);
    }

    @Test
    void theBotInfoReadingMatchesTheDocument() {
        line.stubFor(get("/v2/bot/info").willReturn(okJson("""
                {"userId":"U4af4980629","basicId":"@gotsu","displayName":"江津市","chatMode":"bot","markAsReadMode":"auto"}
                """)));

        assertThat(connector().readProfile()).isInstanceOf(ProfileReading.NotCheckable.class);

        assertEveryRequestMatchesTheDocument(1);
    }

    /** Without this, a validator that accepted anything would make every test above pass. */
    @Test
    void theValidatorRejectsRequestsTheDocumentDoesNotAllow() {
        Request noMessages = SimpleRequest.Builder.post("/v2/bot/message/broadcast")
                .withAuthorization("Bearer " + TOKEN).withContentType("application/json")
                .withHeader("X-Line-Retry-Key", deliveryKey.toString())
                .withBody("{\"notificationDisabled\":false}").build();
        Request badRetryKey = SimpleRequest.Builder.post("/v2/bot/message/push")
                .withAuthorization("Bearer " + TOKEN).withContentType("application/json")
                .withHeader("X-Line-Retry-Key", "not-a-uuid")
                .withBody("{\"to\":\"" + TESTER + "\",\"messages\":[{\"type\":\"text\",\"text\":\"hi\"}]}").build();
        Request unknownPath = SimpleRequest.Builder.get("/v2/bot/message/quota/everything")
                .withAuthorization("Bearer " + TOKEN).build();

        assertThat(validator.validateRequest(noMessages).hasErrors()).as("broadcast without messages").isTrue();
        assertThat(validator.validateRequest(badRetryKey).hasErrors()).as("retry key that is no UUID").isTrue();
        assertThat(validator.validateRequest(unknownPath).hasErrors()).as("path the document does not have").isTrue();
    }

    private void assertEveryRequestMatchesTheDocument(int expectedRequests) {
        List<LoggedRequest> requests = line.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
        assertThat(requests).hasSize(expectedRequests);
        for (LoggedRequest logged : requests) {
            ValidationReport report = validator.validateRequest(toValidatorRequest(logged));
            assertThat(report.hasErrors())
                    .as("%s %s against %s:%n%s", logged.getMethod(), logged.getUrl(), SPEC_RELATIVE, describe(report))
                    .isFalse();
        }
    }

    private static Request toValidatorRequest(LoggedRequest logged) {
        URI url = URI.create(logged.getUrl());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(logged.getMethod().getName(), url.getRawPath());
        logged.getQueryParams().forEach((name, values) -> builder.withQueryParam(name, values.values()));
        for (HttpHeader header : logged.getHeaders().all()) {
            builder.withHeader(header.key(), header.values());
        }
        byte[] body = logged.getBody();
        if (body != null && body.length > 0) {
            builder.withBody(new String(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String describe(ValidationReport report) {
        return report.getMessages().stream()
                .map(message -> "  [" + message.getLevel() + "] " + message.getKey() + ": " + message.getMessage())
                .collect(Collectors.joining("\n"));
    }

    /**
     * The document lives outside the repository, in {@code shared/contracts/} beside it. Looks for it in
     * the {@value #SPEC_PROPERTY} system property first, then in every directory from the working directory
     * up to the file system root, so the test finds it whether Maven runs from the repository or the module.
     */
    static Path locateSpec() {
        String override = System.getProperty(SPEC_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path given = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(given)) {
                throw new IllegalStateException("-D" + SPEC_PROPERTY + " names " + given + ", which is not a file");
            }
            return given;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SPEC_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("LINE's OpenAPI document " + SPEC_RELATIVE + " was not found in " + start
                + " or any directory above it; it is expected next to the repository (../shared/contracts/ from "
                + "the repository root), or pass its path with -D" + SPEC_PROPERTY + "=...");
    }

    private LineConnector connector() {
        return new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
    }
}
