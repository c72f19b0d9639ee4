package org.kohogateway.gateway.post;

/** The calendar's SQL for benchmarks that print its plan at scale. */
public final class DeliveryCalendarStatement {

    private DeliveryCalendarStatement() {
    }

    public static String sql() {
        return DeliveryCalendar.ENTRIES;
    }
}
