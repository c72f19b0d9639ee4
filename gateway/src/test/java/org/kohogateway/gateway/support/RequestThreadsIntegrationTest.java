package org.kohogateway.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.kohogateway.gateway.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

class RequestThreadsIntegrationTest extends IntegrationTest {

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void requestsAreServedByTomcatsPoolOfPlatformThreadsNotVirtualThreads() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();

        assertThat(server.getTomcat().getConnector().getProtocolHandler().getExecutor())
                .isInstanceOf(ThreadPoolExecutor.class);
    }
}
