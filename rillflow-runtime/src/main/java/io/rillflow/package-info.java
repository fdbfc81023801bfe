/**
 * Rillflow's public API: the {@link io.rillflow.DocumentStore} and what it hands out.
 *
 * <p>Application code uses only this package (and the annotations); what the annotation processor
 * generates implements {@link io.rillflow.spi}; everything under {@code io.rillflow.internal} may
 * change without notice.
 */
package io.rillflow;
