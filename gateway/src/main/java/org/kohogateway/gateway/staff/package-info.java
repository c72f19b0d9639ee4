/** Departments (所属) and staff with their roles; the source of who may do what. */
package org.kohogateway.gateway.staff;
