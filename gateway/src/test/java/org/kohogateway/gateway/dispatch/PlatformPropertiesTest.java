package org.kohogateway.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kohogateway.connectors.facebook.FacebookSettings;
import org.kohogateway.connectors.instagram.InstagramSettings;
import org.kohogateway.connectors.line.LineSettings;
import org.kohogateway.connectors.x.XSettings;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** The documented defaults of {@code gateway.platforms.*} are the connectors' own production constants. */
class PlatformPropertiesTest {

    @Test
    void defaultsAreTheRealPlatforms() {
        PlatformProperties defaults = bind(Map.of());

        assertThat(defaults.line()).isEqualTo(new PlatformProperties.Line(LineSettings.PRODUCTION_ENDPOINT,
                LineSettings.DEFAULT_CONNECT_TIMEOUT, LineSettings.DEFAULT_READ_TIMEOUT, java.util.List.of()));
        assertThat(defaults.x()).isEqualTo(new PlatformProperties.X(XSettings.PRODUCTION_REST_BASE_URL,
                XSettings.PRODUCTION_V2_BASE_URL, XSettings.DEFAULT_CONNECT_TIMEOUT, XSettings.DEFAULT_READ_TIMEOUT));
        assertThat(defaults.facebook()).isEqualTo(new PlatformProperties.Facebook(FacebookSettings.PRODUCTION_GRAPH_URL,
                FacebookSettings.DEFAULT_CONNECT_TIMEOUT, FacebookSettings.DEFAULT_READ_TIMEOUT));
        assertThat(defaults.instagram()).isEqualTo(new PlatformProperties.Instagram(InstagramSettings.PRODUCTION_GRAPH_URL,
                InstagramSettings.DEFAULT_CONNECT_TIMEOUT, InstagramSettings.DEFAULT_READ_TIMEOUT,
                InstagramSettings.DEFAULT_POLL_INTERVAL, InstagramSettings.DEFAULT_MAX_STATUS_CHECKS));
    }

    @Test
    void bindsKebabCaseProperties() {
        PlatformProperties bound = bind(Map.of(
                "gateway.platforms.x.v2-base-url", "http://localhost:9999/2/",
                "gateway.platforms.x.read-timeout", "3s",
                "gateway.platforms.facebook.graph-base-url", "http://localhost:9999",
                "gateway.platforms.instagram.poll-interval", "0s",
                "gateway.platforms.instagram.max-status-checks", "3"));

        assertThat(bound.x().v2BaseUrl()).isEqualTo(URI.create("http://localhost:9999/2/"));
        assertThat(bound.x().readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(bound.x().restBaseUrl()).isEqualTo(XSettings.PRODUCTION_REST_BASE_URL);
        assertThat(bound.facebook().graphBaseUrl()).isEqualTo(URI.create("http://localhost:9999"));
        assertThat(bound.instagram().pollInterval()).isZero();
        assertThat(bound.instagram().maxStatusChecks()).isEqualTo(3);
    }

    @Test
    void refusesInvalidValuesAtStartUp() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Enable.class);

        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(PlatformProperties.class));
        runner.withPropertyValues("gateway.platforms.instagram.max-status-checks=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("gateway.platforms.x.read-timeout=0s")
                .run(context -> assertThat(context).hasFailed());
    }

    @EnableConfigurationProperties(PlatformProperties.class)
    static class Enable {
    }

    private static PlatformProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("gateway.platforms", PlatformProperties.class);
    }
}
