package org.kohogateway.gateway.weather;

import java.util.Optional;

/** How grave a kind is, read from its name as JMA words it (大雨特別警報, 大雨警報, 大雨注意報). */
public enum WarningLevel {
    /** 特別警報. */
    EMERGENCY,
    /** 警報. */
    WARNING,
    /** 注意報. */
    ADVISORY;

    /** The level a kind's name or a status's part ends with; empty for anything else. */
    static Optional<WarningLevel> of(String name) {
        if (name.endsWith("特別警報")) {
            return Optional.of(EMERGENCY);
        }
        if (name.endsWith("警報")) {
            return Optional.of(WARNING);
        }
        if (name.endsWith("注意報")) {
            return Optional.of(ADVISORY);
        }
        return Optional.empty();
    }
}
