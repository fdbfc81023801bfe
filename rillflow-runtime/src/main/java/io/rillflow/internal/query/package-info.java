/**
 * Queries: the dynamic query over the API's condition tree, rendered by the rule book
 * ({@code io.rillflow.sql}) once per shape and cached; binding values the way that rule book's bind
 * plan says; the calls generated repositories make.
 */
package io.rillflow.internal.query;
