/**
 * Fifty small document types, only for {@code StoreStartupBench}: a store that starts with this many
 * mappings (ten of them with a duplicated, indexed column). The other benchmarks' stores leave them
 * out ({@code BenchStores}), so their schemas hold only the tables they use.
 */
package io.rillflow.benchmarks.startup;
