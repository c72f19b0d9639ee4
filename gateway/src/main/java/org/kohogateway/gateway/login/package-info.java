/** Who gets in and how: lockout after failed logins, the TOTP second factor, and login through the city's identity provider. */
package org.kohogateway.gateway.login;
