/**
 * The rule book for query SQL, shared by the annotation processor (repository methods, planned at
 * compile time) and the runtime (the dynamic query API, rendered once per shape): a condition on
 * document paths ({@link io.rillflow.sql.SqlCondition}) becomes SQL text and a bind plan
 * ({@link io.rillflow.sql.RenderedCondition}); {@link io.rillflow.sql.Statements} wraps it in a
 * statement with the not-deleted filter, ordering and limit; {@link io.rillflow.sql.SqlTypes} says
 * how a Java type is stored and compared. Plain data in, plain data out: no JDBC, no code generation.
 */
package io.rillflow.sql;
