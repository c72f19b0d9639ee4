package org.kohogateway.gateway.support;

/**
 * An uploaded file the gateway does not take: too large (answered 413) or of a type it does not accept, told by its
 * bytes rather than by what the client claimed (415). Nothing was stored.
 */
public final class UnacceptableContentException extends GatewayException {

    /** Why the file was refused. */
    public enum Reason { TOO_LARGE, UNSUPPORTED_TYPE }

    private final Reason reason;

    public UnacceptableContentException(Reason reason, String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
