package org.kohogateway.gateway.media;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    @Bean
    MediaStore mediaStore(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new PostgresMediaStore(jdbc, transactions, clock);
    }
}
