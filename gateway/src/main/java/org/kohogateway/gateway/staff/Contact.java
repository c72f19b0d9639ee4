package org.kohogateway.gateway.staff;

/** Where a member of staff is reached by e-mail. */
public record Contact(long staffId, String username, String email) {
}
