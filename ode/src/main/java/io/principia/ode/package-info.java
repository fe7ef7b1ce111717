/** Principia ode module: filled in by its own issue; builds empty until then. */
package io.principia.ode;
