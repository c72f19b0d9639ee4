package org.kohogateway.gateway.staff;

public record Department(long id, String code, String name, boolean pr) {
}
