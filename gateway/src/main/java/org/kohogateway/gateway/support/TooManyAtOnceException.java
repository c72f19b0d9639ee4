package org.kohogateway.gateway.support;

/**
 * The caller already has as many of something running as the gateway allows at once (e.g. imports): answered 429;
 * the same request succeeds once one of them has finished.
 */
public final class TooManyAtOnceException extends GatewayException {

    public TooManyAtOnceException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
