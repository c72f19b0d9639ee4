package org.kohogateway.gateway.web;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;

/** Form fields as the browser sends them (strings, maybe missing), read the same way on every page. */
final class FormValues {

    private FormValues() {
    }

    /** What was typed, for showing the form again: missing reads as empty. */
    static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** An optional field: blank means not given. */
    static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * An optional id chosen from a list (a department, an account): blank means none; anything else that is not a
     * number is refused with {@code code}, as an id of nothing would be.
     */
    static Long optionalId(String value, String code, String what) {
        String id = blankToNull(value);
        if (id == null) {
            return null;
        }
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(code, "no " + what + " " + value, value);
        }
    }
}
