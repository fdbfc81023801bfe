/**
 * The store's machinery. Not API: names here change without notice. Application code and
 * generated code use {@code io.rillflow} and {@code io.rillflow.spi} only.
 */
package io.rillflow.internal;
