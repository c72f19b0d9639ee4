package org.kohogateway.gateway.dispatch;

import org.springframework.boot.test.context.TestComponent;

/**
 * The outbox gauges' refreshes ({@code DispatchMetrics}), which every instance makes on timers: for benchmarks, to
 * measure what they cost as the delivery table grows.
 */
@TestComponent
public class MetricsRefresh {

    private final DispatchMetrics metrics;

    MetricsRefresh(DispatchMetrics metrics) {
        this.metrics = metrics;
    }

    /** The open states' counts, every {@code gateway.metrics.refresh}. */
    public void refresh() {
        metrics.refresh();
    }

    /** The finished states' counts, every {@code gateway.metrics.history-refresh}. */
    public void refreshHistory() {
        metrics.refreshHistory();
    }
}
