/** The JSON REST API (documented at /v3/api-docs) and the translation of refusals into RFC 9457 problem details. */
@ApplicationModule(allowedDependencies = {
        "account", "audit", "crisis", "dispatch", "feed", "importing", "incident", "login", "media", "notification",
        "policy", "post", "records", "security", "staff", "support", "template", "weather" })
@NullMarked
package org.kohogateway.gateway.api;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
