/** The demo and test run path: embedded PostgreSQL, simulated platforms (WireMock stubs of the real APIs) and demo data. */
package org.kohogateway.gateway.demo;
