package org.kohogateway.gateway.media;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** {@code gateway.media.store} chooses the one {@link MediaStore}: PostgreSQL unless it says {@code s3}. */
@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    @Bean
    @ConditionalOnProperty(name = "gateway.media.store", havingValue = "postgres", matchIfMissing = true)
    MediaStore postgresMediaStore(JdbcClient jdbc, JdbcTemplate batches, PlatformTransactionManager transactions,
            Clock clock) {
        return new PostgresMediaStore(jdbc, batches, transactions, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "gateway.media.store", havingValue = "s3")
    MediaStore s3MediaStore(MediaProperties properties) {
        return S3MediaStore.of(properties.s3());
    }
}
