/** The database schema: Rillflow's own tables (Flyway) and the document tables (generated DDL). */
package io.rillflow.internal.schema;
