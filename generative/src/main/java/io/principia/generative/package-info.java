/** Principia generative module: filled in by its own issue; builds empty until then. */
package io.principia.generative;
