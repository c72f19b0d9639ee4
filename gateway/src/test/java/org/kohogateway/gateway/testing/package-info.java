/** Test support: a settable clock, an HTTP client for the API, and builders of test data that walk real transitions. */
package org.kohogateway.gateway.testing;
