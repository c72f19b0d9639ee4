package org.kohogateway.gateway.staff;

/**
 * Published in the transaction that requests, confirms or refuses a role grant, so the person concerned hears of it, and of a
 * request whoever may confirm it ({@link RoleGrants#deciders}).
 */
public record RoleGrantChanged(long staffId, String username, Role role, RoleGrant.Status status, String actor) {
}
