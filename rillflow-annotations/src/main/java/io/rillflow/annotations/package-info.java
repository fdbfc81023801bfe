/**
 * The annotations an application puts on its domain classes. They have {@code CLASS} retention:
 * the Rillflow annotation processor reads them at compile time and generates the code that runs,
 * so nothing is discovered by reflection at run time.
 *
 * <ul>
 *   <li>{@link io.rillflow.annotations.Document}, {@link io.rillflow.annotations.Id},
 *       {@link io.rillflow.annotations.Version}, {@link io.rillflow.annotations.Duplicated}: documents.
 *   <li>{@link io.rillflow.annotations.Repository}, {@link io.rillflow.annotations.Query}: repositories.
 *   <li>{@link io.rillflow.annotations.Event}, {@link io.rillflow.annotations.Upcast}: events.
 *   <li>{@link io.rillflow.annotations.Aggregate}, {@link io.rillflow.annotations.Apply}: aggregates.
 *   <li>{@link io.rillflow.annotations.ReadModel}, {@link io.rillflow.annotations.Apply}: documents
 *       that projections build from events.
 * </ul>
 */
package io.rillflow.annotations;
