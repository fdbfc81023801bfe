/** Sessions: reads, the identity map, and the unit of work that {@code saveChanges()} writes. */
package io.rillflow.internal.session;
