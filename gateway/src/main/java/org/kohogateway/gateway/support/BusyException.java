package org.kohogateway.gateway.support;

/** The gateway is at a limit it keeps on purpose (e.g. exports at once): nothing is wrong with the request; try again shortly. */
public final class BusyException extends GatewayException {

    public BusyException(String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
    }
}
