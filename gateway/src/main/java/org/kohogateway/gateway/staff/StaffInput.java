package org.kohogateway.gateway.staff;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.kohogateway.gateway.support.InvalidRequestException;

/** The checks and small formats of {@link StaffAdministration}'s input and audit details. */
final class StaffInput {

    private StaffInput() {
    }

    static String name(@Nullable String value, String code) {
        String clean = value == null ? "" : value.strip();
        int max = StaffAdministration.MAX_NAME_LENGTH;
        if (clean.isEmpty() || clean.length() > max) {
            throw new InvalidRequestException(code, "a name of 1-" + max + " characters", max);
        }
        return clean;
    }

    static void checkPassword(@Nullable String password) {
        int min = StaffAdministration.MIN_PASSWORD_LENGTH;
        int maxBytes = StaffAdministration.MAX_PASSWORD_BYTES;
        if (password == null || password.isBlank() || password.codePointCount(0, password.length()) < min) {
            throw new InvalidRequestException("staff.passwordTooShort", "a password has at least " + min
                    + " characters", min);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidRequestException("staff.passwordTooLong", "a password has at most " + maxBytes + " bytes",
                    maxBytes);
        }
    }

    static List<String> names(Set<Role> roles) {
        return roles.stream().map(Enum::name).sorted().toList();
    }

    static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            detail.put((String) pairs[i], pairs[i + 1]);
        }
        return detail;
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
