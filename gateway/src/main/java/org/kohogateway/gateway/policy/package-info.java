/** The policy rules: every guideline rule checked on every post at submit, at approval and just before dispatch. */
package org.kohogateway.gateway.policy;
