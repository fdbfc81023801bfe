/**
 * Queries over documents: the typed paths the processor's metamodel ({@code Customer_}) is made of,
 * the {@link io.rillflow.query.Condition}s they build, ordering ({@link io.rillflow.query.Sort}),
 * paging ({@link io.rillflow.query.PageRequest}, {@link io.rillflow.query.Page}) and the dynamic
 * {@link io.rillflow.query.DocumentQuery}.
 */
package io.rillflow.query;
