/**
 * Turns JMH's JSON results into the Markdown table of {@code RESULTS.md}: each Rillflow figure beside
 * its raw JDBC baseline from the same run, as a ratio. Run by {@code run.sh}.
 */
package io.rillflow.benchmarks.report;
