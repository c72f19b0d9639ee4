package org.kohogateway.gateway.support;

/** Someone else changed the same thing first; reload and try again. */
public final class ConflictException extends GatewayException {

    public ConflictException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
