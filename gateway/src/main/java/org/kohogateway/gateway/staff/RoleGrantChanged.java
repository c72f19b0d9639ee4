package org.kohogateway.gateway.staff;

/**
 * Published in the transaction that requests, confirms or refuses a role grant, so the person concerned hears of it.
 */
public record RoleGrantChanged(long staffId, String username, Role role, RoleGrant.Status status, String actor) {
}
