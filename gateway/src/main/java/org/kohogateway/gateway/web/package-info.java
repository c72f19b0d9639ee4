/** The server-rendered admin pages (templates and messages live in the admin-ui module). */
package org.kohogateway.gateway.web;
