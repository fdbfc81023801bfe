/**
 * Queries: the condition tree behind the metamodel's paths, its rendering to SQL (cached per
 * shape), JDBC value conversion, and the dynamic query that runs it.
 */
package io.rillflow.internal.query;
