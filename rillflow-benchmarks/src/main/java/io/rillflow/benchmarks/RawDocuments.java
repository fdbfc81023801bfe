package io.rillflow.benchmarks;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The baseline: what a careful developer writes by hand with JDBC and Jackson to do the same work as
 * Rillflow on the same table. Same SQL text as Rillflow sends, same transaction boundaries, the same
 * pool (the store's), and a Jackson reader and writer built once for the type, as Rillflow's
 * generated mapping holds them. What remains between the two sides is Rillflow's own code.
 */
public final class RawDocuments {
  private final DataSource dataSource;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final String table;
  /** Query SQL by condition, built once, as Rillflow's are. */
  private final java.util.Map<String, String> findSql = new java.util.HashMap<>();
  private final String loadSql;
  private final String upsertSql;
  private final String copySql;

  /**
   * @param dataSource where connections come from; the benchmarks pass the store's own pool
   * @param schema the schema holding {@code doc_bench_customer}, a plain lower-case name
   */
  public RawDocuments(DataSource dataSource, String schema) {
    this.dataSource = dataSource;
    ObjectMapper mapper = mapper();
    this.reader = mapper.readerFor(BenchCustomer.class);
    this.writer = mapper.writerFor(BenchCustomer.class);
    this.table = "\"" + schema + "\".\"doc_bench_customer\"";
    this.loadSql = "SELECT data FROM " + table + " WHERE id = ?";
    this.upsertSql = "INSERT INTO " + table + " AS d (id, data, version) VALUES (?, ?::jsonb, 1)"
        + " ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = d.version + 1, updated_at = now()";
    this.copySql = "COPY " + table + " (id, data) FROM STDIN";
  }

  /**
   * Configured as Rillflow configures its store's mapper (fields, ISO-8601 dates), so both sides
   * read and write the same JSON and the JSON work is equal.
   */
  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .visibility(PropertyAccessor.ALL, Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, Visibility.ANY)
        .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
        .build();
  }

  /** One statement in auto-commit, like a query session's load. */
  public BenchCustomer load(UUID id) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(loadSql)) {
      statement.setObject(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new NoSuchElementException("no customer " + id);
        }
        return reader.readValue(rows.getString(1));
      }
    }
  }

  /**
   * The one document matching {@code where} (SQL over the table's columns, one string parameter),
   * in auto-commit, reading at most two rows as a single-result query does.
   */
  public BenchCustomer findOne(String where, String parameter) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            findSql.computeIfAbsent(where, w -> "SELECT data FROM " + table + " WHERE " + w))) {
      statement.setString(1, parameter);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new NoSuchElementException("no customer where " + where + " with " + parameter);
        }
        BenchCustomer found = reader.readValue(rows.getString(1));
        if (rows.next()) {
          throw new IllegalStateException("more than one customer where " + where + " with " + parameter);
        }
        return found;
      }
    }
  }

  /** One upsert in auto-commit: what {@code saveChanges()} does with one stored document. */
  public void upsert(BenchCustomer customer) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(upsertSql)) {
      statement.setObject(1, customer.id());
      statement.setString(2, writer.writeValueAsString(customer));
      statement.executeUpdate();
    }
  }

  /** Every upsert as one JDBC batch (one round trip in pgjdbc), in one transaction. */
  public void upsertAll(Collection<BenchCustomer> customers) throws SQLException, JsonProcessingException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(upsertSql)) {
        for (BenchCustomer customer : customers) {
          statement.setObject(1, customer.id());
          statement.setString(2, writer.writeValueAsString(customer));
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * Inserts every customer with one {@code COPY ... FROM STDIN} in one transaction, streamed: rows go
   * to the server as they are written, nothing holds the whole load in memory.
   *
   * @return the rows the server reports copied
   */
  public long copyIn(Collection<BenchCustomer> customers) throws SQLException, IOException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      PGCopyOutputStream copy = null;
      try {
        copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), copySql, 1 << 16);
        Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        for (BenchCustomer customer : customers) {
          out.write(customer.id().toString());
          out.write('\t');
          out.write(copyText(writer.writeValueAsString(customer)));
          out.write('\n');
        }
        // Flush the text through to the copy stream before ending the COPY, or its tail is lost.
        out.flush();
        long rows = copy.endCopy();
        connection.commit();
        return rows;
      } catch (SQLException | IOException | RuntimeException e) {
        // A COPY still open keeps the connection busy: cancel it before the rollback can run.
        if (copy != null && copy.isActive()) {
          copy.cancelCopy();
        }
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /**
   * A JSON text as a field of COPY's text format. Compact JSON never holds a raw tab, newline or
   * carriage return (Jackson escapes them inside strings), so the backslash is the only character
   * COPY would misread; it is rare, hence the check before the copy.
   */
  private static String copyText(String json) {
    return json.indexOf('\\') < 0 ? json : json.replace("\\", "\\\\");
  }
}
