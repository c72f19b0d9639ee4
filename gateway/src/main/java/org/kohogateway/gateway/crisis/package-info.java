/** Crisis controls (guideline §7-②): pause an account or everything at once, resume safely, emergency override. */
package org.kohogateway.gateway.crisis;
