package org.kohogateway.gateway.account;

import java.util.Map;
import java.util.Optional;

/**
 * Secrets for one account (LINE channel access token, OAuth tokens…). Only ever held in memory in clear;
 * {@link #toString()} never shows them.
 */
public record PlatformCredentials(Map<String, String> values) {

    public static final String LINE_CHANNEL_ACCESS_TOKEN = "channelAccessToken";

    public PlatformCredentials {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String toString() {
        return "PlatformCredentials" + values.keySet() + "(values hidden)";
    }
}
