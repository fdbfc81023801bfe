/**
 * Immutable descriptions of what the annotations say: built once per element by {@code read},
 * consumed by {@code write}. Each keeps its source element only so a diagnostic can point at it.
 */
package io.rillflow.processor.model;
