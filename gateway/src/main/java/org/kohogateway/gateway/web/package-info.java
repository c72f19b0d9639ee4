/** The server-rendered admin pages (templates and messages live in the admin-ui module). */
@ApplicationModule(allowedDependencies = {
        "account", "audit", "crisis", "dispatch", "feed", "importing", "incident", "media", "notification", "policy",
        "post", "records", "security", "staff", "support", "template" })
@NullMarked
package org.kohogateway.gateway.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
