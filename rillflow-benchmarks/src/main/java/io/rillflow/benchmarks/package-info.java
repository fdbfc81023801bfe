/**
 * Rillflow's JMH suite. Every benchmark class holds a pair of methods named
 * {@code <operation>_rillflow} and {@code <operation>_raw}: the first goes through the Rillflow API,
 * the second does the same database work by hand with JDBC and Jackson (same SQL shape, same
 * transactions, same connection pool), so one run measures both and the report can state Rillflow's
 * cost as a ratio. {@link io.rillflow.benchmarks.report.ResultTable} pairs them by that name.
 */
package io.rillflow.benchmarks;
