package org.kohogateway.gateway.support;

/** The aggregate's current state does not allow this action; the message names that state. */
public final class IllegalTransitionException extends GatewayException {

    public IllegalTransitionException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
