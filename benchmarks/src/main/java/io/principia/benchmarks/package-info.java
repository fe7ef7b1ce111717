/** Principia benchmarks. */
package io.principia.benchmarks;
