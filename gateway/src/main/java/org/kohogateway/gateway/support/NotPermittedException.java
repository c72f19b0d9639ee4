package org.kohogateway.gateway.support;

/** The caller's roles or department do not allow this action. */
public final class NotPermittedException extends GatewayException {

    private final boolean secondPerson;

    public NotPermittedException(String code, String fallback, Object... arguments) {
        this(false, code, fallback, arguments);
    }

    private NotPermittedException(boolean secondPerson, String code, String fallback, Object... arguments) {
        super(code, fallback, arguments);
        this.secondPerson = secondPerson;
    }

    /**
     * A refusal by separation of duties: the caller may take this step, only not on something they did themselves (a
     * disposal list they drew up); a colleague can. Still a 403; a page shows it on the form that was sent.
     */
    public static NotPermittedException secondPerson(String code, String fallback, Object... arguments) {
        return new NotPermittedException(true, code, fallback, arguments);
    }

    /** Whether a second person may do what the caller was refused ({@link #secondPerson}). */
    public boolean asksForASecondPerson() {
        return secondPerson;
    }
}
