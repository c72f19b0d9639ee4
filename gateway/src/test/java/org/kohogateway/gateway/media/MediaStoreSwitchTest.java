package org.kohogateway.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code gateway.media.store} picks the one store; S3 without a bucket stops the start with the property named. */
class MediaStoreSwitchTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MediaProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, MediaConfiguration.class)
            .withBean(JdbcClient.class, () -> mock(JdbcClient.class))
            .withBean(JdbcTemplate.class, () -> mock(JdbcTemplate.class))
            .withBean(PlatformTransactionManager.class, () -> mock(PlatformTransactionManager.class))
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void postgresUnlessSaidOtherwise() {
        context.run(started -> assertThat(started).getBean(MediaStore.class).isInstanceOf(PostgresMediaStore.class));
    }

    @Test
    void s3WhenSaid() {
        context.withPropertyValues("gateway.media.store=s3", "gateway.media.s3.bucket=koho-media",
                "gateway.media.s3.endpoint=http://127.0.0.1:9000", "gateway.media.s3.access-key=a",
                "gateway.media.s3.secret-key=b").run(started -> {
                    assertThat(started).getBean(MediaStore.class).isInstanceOf(S3MediaStore.class);
                    assertThat(started.getBean(MediaProperties.class).s3().toString()).doesNotContain("=b,");
                });
    }

    @Test
    void s3WithoutABucketDoesNotStart() {
        context.withPropertyValues("gateway.media.store=s3").run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("gateway.media.s3.bucket"));
    }

    @Test
    void anUnknownStoreDoesNotStart() {
        context.withPropertyValues("gateway.media.store=ftp").run(started -> assertThat(started).hasFailed());
    }
}
