package org.kohogateway.gateway.login;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page: the form, the city identity provider's button when one is configured, and why a login failed. */
@Controller
class LoginPage {

    /** The identity-provider refusals the page has its own words for; any other becomes {@code failed}. */
    private static final Set<String> OIDC_REFUSALS = Set.of(GroupMapping.NO_USERNAME, GroupMapping.NO_MAPPED_GROUP,
            GroupMapping.NO_DEPARTMENT, GroupMapping.UNKNOWN_USER, GroupMapping.UNKNOWN_DEPARTMENT);

    private final ObjectProvider<ClientRegistrationRepository> identityProvider;

    LoginPage(ObjectProvider<ClientRegistrationRepository> identityProvider) {
        this.identityProvider = identityProvider;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String oidc, Model model) {
        model.addAttribute("cityLogin", identityProvider.getIfAvailable() != null);
        if (oidc != null) {
            model.addAttribute("oidcRefusal", "login.oidc." + (OIDC_REFUSALS.contains(oidc) ? oidc : "failed"));
        }
        return "login";
    }
}
