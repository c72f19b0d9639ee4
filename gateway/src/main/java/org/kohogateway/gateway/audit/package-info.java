/** The audit trail: an append-only record of every state change and platform outcome, for auditors. */
package org.kohogateway.gateway.audit;
