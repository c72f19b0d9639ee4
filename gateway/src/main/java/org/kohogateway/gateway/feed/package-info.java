/**
 * The city's press-release feed (RSS/Atom, read with ROME): polled politely with conditional GET, each new item
 * becomes a PR direct-publish draft (guideline §6-① exception) for a PR officer to review and publish.
 */
@ApplicationModule(allowedDependencies = { "post", "support" })
@NullMarked
package org.kohogateway.gateway.feed;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
