package org.kohogateway.gateway.support;

import java.util.Arrays;

/**
 * A refusal the user can act on. Carries a message-bundle code and its arguments so the web edge
 * can say it in the caller's language (Japanese by default); {@link #getMessage()} is the English
 * fallback used in logs.
 */
public abstract sealed class GatewayException extends RuntimeException
        permits NotFoundException, NotPermittedException, IllegalTransitionException, InvalidRequestException,
        ConflictException, PolicyViolationException, BusyException, TooManyAtOnceException,
        UnacceptableContentException {

    private final String code;
    private final Object[] arguments;

    protected GatewayException(String code, String fallback, Object... arguments) {
        super(fallback);
        this.code = code;
        this.arguments = arguments.clone();
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return Arrays.copyOf(arguments, arguments.length);
    }
}
