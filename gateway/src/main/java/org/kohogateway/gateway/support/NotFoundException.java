package org.kohogateway.gateway.support;

/** A thing the request names does not exist. */
public final class NotFoundException extends GatewayException {

    public NotFoundException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
