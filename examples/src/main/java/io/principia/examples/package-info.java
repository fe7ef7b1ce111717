/** Principia examples. */
package io.principia.examples;
