package org.kohogateway.gateway.weather;

import java.util.Optional;

/**
 * What a report's status (警報・注意報の状況) says happened to a kind in an area. 継続 (still in force) and
 * 発表警報・注意報はなし (nothing in force) are no change.
 */
public enum WarningChange {
    /** 発表. */
    ISSUED,
    /** 解除. */
    LIFTED,
    /** To a graver level: 注意報から警報, 警報から特別警報, 注意報から特別警報. */
    UPGRADED,
    /** To a lighter level: 特別警報から警報, 特別警報から注意報, 警報から注意報. */
    DOWNGRADED;

    private static final String FROM = "から";

    /** The change a status names; empty for no change or a status this gateway does not know. */
    static Optional<WarningChange> of(String status) {
        return switch (status) {
            case "発表" -> Optional.of(ISSUED);
            case "解除" -> Optional.of(LIFTED);
            default -> {
                Optional<WarningLevel> from = previous(status);
                Optional<WarningLevel> to = from.flatMap(f -> WarningLevel.of(status));
                if (to.isEmpty() || from.get() == to.get()) {
                    yield Optional.empty();
                }
                // the enum lists the graver level first
                yield Optional.of(to.get().ordinal() < from.get().ordinal() ? UPGRADED : DOWNGRADED);
            }
        };
    }

    /** The level before the change, for a status of the form 「警報から注意報」. */
    static Optional<WarningLevel> previous(String status) {
        int at = status.indexOf(FROM);
        return at <= 0 ? Optional.empty() : WarningLevel.of(status.substring(0, at));
    }
}
