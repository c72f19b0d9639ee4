package org.kohogateway.connectors.graph;

import java.util.Optional;

import com.restfb.json.JsonObject;
import com.restfb.json.JsonValue;

/** Lenient reading of Graph API answers: a field that is missing or of another type reads as absent. */
public final class GraphJson {

    private GraphJson() {
    }

    public static Optional<String> text(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isString()) {
            return Optional.of(value.asString());
        }
        if (value.isNumber()) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    public static Optional<Long> number(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asLong());
        }
        if (value.isString() && value.asString().strip().matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(value.asString().strip()));
        }
        return Optional.empty();
    }

    public static Optional<JsonObject> object(JsonObject object, String name) {
        JsonValue value = object == null ? null : object.get(name);
        return value != null && value.isObject() ? Optional.of(value.asObject()) : Optional.empty();
    }
}
