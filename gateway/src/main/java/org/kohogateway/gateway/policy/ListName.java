package org.kohogateway.gateway.policy;

/** The lists the rules read; admins edit them at run time. */
public enum ListName {
    /** The city's own domains; links elsewhere need acknowledgement, PR direct posts must cite one. */
    OFFICIAL_DOMAIN,
    URL_SHORTENER,
    /** Malicious or obscene sites (§4-⑤). */
    BLOCKED_DOMAIN,
    /** Terms that flag possibly prohibited content (§4 ①–⑦), each with its reason. */
    PROHIBITED_TERM,
    /** The city's own public contacts (phone numbers, e-mail addresses, postal codes and addresses). */
    PERSONAL_DATA_ALLOWED
}
