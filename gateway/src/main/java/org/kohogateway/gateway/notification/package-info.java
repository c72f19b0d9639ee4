/**
 * Notifications: e-mail to the staff concerned and HMAC-signed webhooks for deliveries that need a person, approvals
 * waiting, pauses and weather warnings, written to an outbox in the transaction of the change and sent by a retrying background worker.
 */
@ApplicationModule(allowedDependencies = { "account", "audit", "crisis", "post", "staff", "support", "weather" })
@NullMarked
package org.kohogateway.gateway.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
