/**
 * Projections: inline ones joined to the appending transaction ({@link
 * io.rillflow.internal.projections.InlineProjections}), and the async daemon ({@link
 * io.rillflow.internal.projections.DefaultProjectionDaemon}) with one {@link
 * io.rillflow.internal.projections.ProjectionRunner} per projection, the lease protocol of {@link
 * io.rillflow.internal.projections.ProjectionSql}, dead letters and metrics.
 */
package io.rillflow.internal.projections;
