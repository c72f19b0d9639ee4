/** Benchmarks: harnesses that print numbers (and RESULT lines), run with the benchmark profile, never timed assertions. */
package org.kohogateway.gateway.benchmark;
