package org.kohogateway.gateway.support;

/** The request's content breaks a rule; nothing was changed. */
public final class InvalidRequestException extends GatewayException {

    public InvalidRequestException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
