/** Who may reach what: form login for the pages, HTTP Basic for the API, the public list open to all. */
package org.kohogateway.gateway.security;
