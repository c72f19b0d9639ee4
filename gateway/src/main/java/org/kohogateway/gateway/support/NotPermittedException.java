package org.kohogateway.gateway.support;

/** The caller's roles or department do not allow this action. */
public final class NotPermittedException extends GatewayException {

    public NotPermittedException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
