package org.kohogateway.gateway.policy;

/** The lists the rules read; admins edit them at run time. */
public enum ListName {
    /** The city's own domains; links elsewhere need acknowledgement, PR direct posts must cite one. */
    OFFICIAL_DOMAIN(false),
    URL_SHORTENER(false),
    /** Malicious or obscene sites (§4-⑤); the reason is part of the finding. */
    BLOCKED_DOMAIN(true),
    /** Terms that flag possibly prohibited content (§4 ①–⑦), each with its reason, part of the finding. */
    PROHIBITED_TERM(true),
    /** The city's own public contacts (phone numbers, e-mail addresses, postal codes and addresses). */
    PERSONAL_DATA_ALLOWED(false);

    private final boolean reasonRequired;

    ListName(boolean reasonRequired) {
        this.reasonRequired = reasonRequired;
    }

    /** Whether an entry needs a reason: the findings it causes quote it to the poster and the approver. */
    public boolean reasonRequired() {
        return reasonRequired;
    }
}
