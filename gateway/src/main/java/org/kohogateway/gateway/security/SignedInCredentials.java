package org.kohogateway.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.kohogateway.gateway.staff.StaffDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Remembers in a page session the credentials version ({@link StaffDirectory#credentialsVersion}) its person signed
 * in under — at the password or identity-provider step, which every page login passes — so that
 * {@link CurrentStaffFilter} can end the session once an admin has reset that person's password or second factor.
 */
@Component
public class SignedInCredentials implements SessionAuthenticationStrategy {

    private static final String VERSION = SignedInCredentials.class.getName() + ".VERSION";

    private final StaffDirectory staff;

    SignedInCredentials(StaffDirectory staff) {
        this.staff = staff;
    }

    @Override
    public void onAuthentication(Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) {
        renew(request, authentication.getName());
    }

    /**
     * This session goes on under the person's current credentials: for an admin who has just reset their own
     * password, whose other sessions end.
     */
    public void renew(HttpServletRequest request, String username) {
        request.getSession().setAttribute(VERSION, staff.credentialsVersion(username));
    }

    /**
     * False when the person's credentials were reset after this session signed in. A session without the mark (one
     * from before the mark existed) counts as signed in under the first version.
     */
    boolean current(HttpSession session, String username) {
        Object version = session.getAttribute(VERSION);
        long signedInUnder = version instanceof Long v ? v : 0L;
        return signedInUnder == staff.credentialsVersion(username);
    }
}
