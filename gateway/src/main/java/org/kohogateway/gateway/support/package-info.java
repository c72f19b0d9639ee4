/** Small shared vocabulary of the gateway: the exception kinds every feature raises and the web edge translates. */
package org.kohogateway.gateway.support;
