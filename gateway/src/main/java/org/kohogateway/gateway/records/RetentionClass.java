package org.kohogateway.gateway.records;

import org.jspecify.annotations.Nullable;

/** How long a record is kept (保存期間), counted from the day its retention starts; or for good. */
public enum RetentionClass {
    ONE_YEAR(1), THREE_YEARS(3), FIVE_YEARS(5), TEN_YEARS(10), PERMANENT(null);

    private final @Nullable Integer years;

    RetentionClass(@Nullable Integer years) {
        this.years = years;
    }

    /** The years kept; absent for a permanent record. */
    public @Nullable Integer years() {
        return years;
    }
}
