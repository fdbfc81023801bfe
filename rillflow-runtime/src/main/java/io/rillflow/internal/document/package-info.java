/** Per-store views of document mappings: SQL fixed once per table, Jackson reader and writer, id binding. */
package io.rillflow.internal.document;
