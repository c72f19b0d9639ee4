package org.kohogateway.gateway.api;

import org.kohogateway.gateway.post.Readers;
import org.kohogateway.gateway.security.TokenScope;
import org.kohogateway.gateway.staff.Staff;
import org.springframework.stereotype.Component;

/**
 * The {@link Readers} of an API request: the person, with the roles the request carries (a token may carry fewer than
 * its person holds, and then reads no more than those give: the {@link Staff} argument is already narrowed to them)
 * and the token's accounts.
 */
@Component
class ApiReaders {

    Readers of(Staff me) {
        return Readers.of(me, TokenScope.accountIds());
    }
}
