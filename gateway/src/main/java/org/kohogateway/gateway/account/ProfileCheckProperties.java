package org.kohogateway.gateway.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param atActivation what a non-compliant profile does when the PR department activates an account: WARN (default;
 *                     recorded and shown, the account opens — its credentials may only be set afterwards) or BLOCK
 *                     (the activation is refused until the profile shows the homepage and, if needed, the no-reply
 *                     notice). LINE, whose profile cannot be read, is never blocked.
 */
@Validated
@ConfigurationProperties("gateway.accounts.profile-check")
public record ProfileCheckProperties(@DefaultValue("WARN") Mode atActivation) {

    public enum Mode {
        WARN, BLOCK
    }
}
