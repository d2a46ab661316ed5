/**
 * Benchmark commands. Each generates its data deterministically (seeded), runs the hub's path and
 * the named baseline in the same process and run, and prints both figures and their ratio.
 */
package io.lakehub.benchmarks;
