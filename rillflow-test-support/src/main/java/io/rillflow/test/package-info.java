/**
 * Tests of applications that use Rillflow, on a real PostgreSQL: extend
 * {@link io.rillflow.test.RillflowTestBase}, or annotate a test class with
 * {@link io.rillflow.test.RillflowTest} and take a {@link io.rillflow.DocumentStore} parameter.
 *
 * <p>The database, chosen once per JVM by {@link io.rillflow.test.TestDatabase}: the JDBC URL in
 * {@code RILLFLOW_TEST_DATABASE_URL}; else a Testcontainers PostgreSQL when a Docker engine
 * answers; else an embedded PostgreSQL. Each test class gets a fresh schema, dropped after it; its
 * tables are emptied before each test.
 *
 * <p>More servers for one test, always embedded, each with its own port and data directory:
 * {@link io.rillflow.test.TestServers#extra(String)} (stop, start, kill and freeze one to test
 * "a server down"), and {@link io.rillflow.test.TestServers#replicatedPair()}, a primary with a
 * streaming hot standby.
 */
package io.rillflow.test;
