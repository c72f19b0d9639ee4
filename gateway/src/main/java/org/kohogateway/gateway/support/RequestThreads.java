package org.kohogateway.gateway.support;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * HTTP requests are served by Tomcat's pool of platform threads, while the rest of the gateway (the dispatcher's
 * senders, scheduled work, module reactions) stays on virtual threads ({@code spring.threads.virtual.enabled}). A
 * request makes several round trips to PostgreSQL, and on a virtual thread each ends with a hand-off from the JDK's read
 * poller back to a carrier thread: one more turn to wait for when the machine is busy. With three busy loops on two
 * cores, the rules check's p99 over HTTP was 17.9–20.5 ms on virtual threads and 13.5–15.6 ms on platform threads
 * (docs/benchmarks.md, issue 20). Tomcat's pool is bounded by {@code server.tomcat.threads.max} (200 by default),
 * far more requests at once than a city's staff make.
 */
@Configuration(proxyBeanMethods = false)
class RequestThreads {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> platformRequestThreads() {
        return new PlatformRequestThreads();
    }

    private static final class PlatformRequestThreads
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // applied after Spring Boot's virtual-thread executor was set: with none, the endpoint makes its own pool
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(null));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
