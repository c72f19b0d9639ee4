/**
 * Post templates (issue 22): a department's text with typed placeholders, approved once in peacetime by its head and
 * versioned; filling one makes a post that a second person confirms (the fast lane); a weather warning drafts a post
 * from the templates that answer its kind, never sending it.
 */
@ApplicationModule(allowedDependencies = { "account", "audit", "policy", "post", "staff", "support", "weather" })
@NullMarked
package org.kohogateway.gateway.template;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
