/** The JSON REST API (documented at /v3/api-docs) and the translation of refusals into RFC 9457 problem details. */
package org.kohogateway.gateway.api;
