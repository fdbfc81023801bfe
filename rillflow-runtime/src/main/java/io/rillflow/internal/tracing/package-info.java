/**
 * The store's OpenTelemetry spans through {@code opentelemetry-api} alone: {@link
 * io.rillflow.internal.tracing.StoreTracing} ({@code OFF} unless the builder was given an
 * {@code OpenTelemetry}), the span a piece of work opens ({@link io.rillflow.internal.tracing.TracedWork}),
 * and the W3C trace context carried in event headers.
 */
package io.rillflow.internal.tracing;
