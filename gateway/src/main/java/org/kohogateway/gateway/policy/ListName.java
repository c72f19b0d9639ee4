package org.kohogateway.gateway.policy;

/** The lists the rules read; admins edit them at run time. */
public enum ListName {
    /** The city's own domains; links elsewhere need acknowledgement, PR direct posts must cite one. */
    OFFICIAL_DOMAIN(false, true),
    URL_SHORTENER(false, false),
    /** Malicious or obscene sites (§4-⑤); the reason is part of the finding. */
    BLOCKED_DOMAIN(true, false),
    /** Terms that flag possibly prohibited content (§4 ①–⑦), each with its reason, part of the finding. */
    PROHIBITED_TERM(true, false),
    /**
     * The city's own public contacts (phone numbers, e-mail addresses, postal codes and addresses of departments and
     * facilities), maintained by PR; each reason names the official page that publishes the contact.
     */
    PERSONAL_DATA_ALLOWED(true, true);

    private final boolean reasonRequired;
    private final boolean allowList;

    ListName(boolean reasonRequired, boolean allowList) {
        this.reasonRequired = reasonRequired;
        this.allowList = allowList;
    }

    /**
     * Whether adding (true) or removing (false) an entry lets more through: an allow list is weakened by an addition,
     * a block list by a removal. A weakening needs a second person (four eyes); a strengthening applies at once.
     */
    public boolean weakenedBy(boolean adding) {
        return adding == allowList;
    }

    /** Whether an entry needs a reason: the findings it causes quote it to the poster and the approver. */
    public boolean reasonRequired() {
        return reasonRequired;
    }
}
