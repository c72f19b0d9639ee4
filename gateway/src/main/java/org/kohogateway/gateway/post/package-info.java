/** Posts, their approval routes (guideline §6) and their deliveries: the approval-gated outbox. */
package org.kohogateway.gateway.post;
