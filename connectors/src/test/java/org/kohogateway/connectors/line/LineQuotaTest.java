package org.kohogateway.connectors.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

class LineQuotaTest {

    private static final String TOKEN = "line-test-channel-token-quota-4c1d";
    private static final String QUOTA = "/v2/bot/message/quota";
    private static final String CONSUMPTION = "/v2/bot/message/quota/consumption";

    @RegisterExtension
    static WireMockExtension line = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void readsALimitedQuotaAndItsConsumptionWithTheBearerToken() {
        stubQuota(okJson("{\"type\":\"limited\",\"value\":5000}"));
        stubConsumption(okJson("{\"totalUsage\":1234}"));

        LineQuota quota = connector().quota();

        assertThat(quota).isEqualTo(new LineQuota.Limited(5000, 1234));
        assertThat(((LineQuota.Limited) quota).remaining()).isEqualTo(3766);
        line.verify(1, getRequestedFor(urlEqualTo(QUOTA)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        line.verify(1, getRequestedFor(urlEqualTo(CONSUMPTION)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void reportsNothingRemainingOnceTheLimitIsPassed() {
        stubQuota(okJson("{\"type\":\"limited\",\"value\":200}"));
        stubConsumption(okJson("{\"totalUsage\":260}"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Limited.class))
                .satisfies(limited -> assertThat(limited.remaining()).isZero());
    }

    @Test
    void readsAPlanWithoutLimitAsUnlimitedWithWhatWasUsed() {
        stubQuota(okJson("{\"type\":\"none\"}"));
        stubConsumption(okJson("{\"totalUsage\":98765}"));

        LineQuota quota = connector().quota();

        assertThat(quota).isEqualTo(new LineQuota.Unlimited(98765));
    }

    @Test
    void reportsLinesErrorMessageWhenTheTokenIsRejected() {
        stubQuota(lineError(401, "Authentication failed. Confirm that the access token in the authorization header is valid."));
        stubConsumption(lineError(401, "Authentication failed. Confirm that the access token in the authorization header is valid."));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString()
                .contains("401", "Authentication failed")
                .doesNotContain(TOKEN);
    }

    @Test
    void failsWhenOnlyTheConsumptionCannotBeRead() {
        stubQuota(okJson("{\"type\":\"limited\",\"value\":5000}"));
        stubConsumption(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody("<h1>oops</h1>"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString().contains("500");
    }

    @Test
    void failsWhenTheConnectionBreaks() {
        stubQuota(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        stubConsumption(okJson("{\"totalUsage\":1}"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString().contains("no answer from LINE");
    }

    @Test
    void failsWhenNoAnswerComesInTime() {
        stubQuota(okJson("{\"type\":\"none\"}").withFixedDelay(2000));
        stubConsumption(okJson("{\"totalUsage\":1}"));
        LineSettings impatient = new LineSettings(URI.create(line.baseUrl()), TOKEN, Duration.ofSeconds(5), Duration.ofMillis(300));

        LineQuota quota = new LineConnector(impatient).quota();

        assertThat(quota).isInstanceOf(LineQuota.Failed.class);
    }

    @Test
    void failsOnALimitedQuotaWithoutValue() {
        stubQuota(okJson("{\"type\":\"limited\"}"));
        stubConsumption(okJson("{\"totalUsage\":10}"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString().contains("without a usable value");
    }

    @Test
    void failsOnAnUnknownQuotaType() {
        stubQuota(okJson("{\"type\":\"per-hour\",\"value\":10}"));
        stubConsumption(okJson("{\"totalUsage\":10}"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString().contains("unknown type");
    }

    @Test
    void failsOnAConsumptionWithoutTotalUsage() {
        stubQuota(okJson("{\"type\":\"none\"}"));
        stubConsumption(okJson("{}"));

        LineQuota quota = connector().quota();

        assertThat(quota).asInstanceOf(type(LineQuota.Failed.class))
                .extracting(LineQuota.Failed::reason).asString().contains("totalUsage");
    }

    @Test
    void quotaFiguresCannotBeNegative() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LineQuota.Limited(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new LineQuota.Limited(1, -1));
        assertThatIllegalArgumentException().isThrownBy(() -> new LineQuota.Unlimited(-1));
    }

    private LineConnector connector() {
        return new LineConnector(LineSettings.of(URI.create(line.baseUrl()), TOKEN));
    }

    private static void stubQuota(ResponseDefinitionBuilder response) {
        line.stubFor(get(QUOTA).willReturn(response));
    }

    private static void stubConsumption(ResponseDefinitionBuilder response) {
        line.stubFor(get(CONSUMPTION).willReturn(response));
    }

    private static ResponseDefinitionBuilder lineError(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\"}");
    }
}
