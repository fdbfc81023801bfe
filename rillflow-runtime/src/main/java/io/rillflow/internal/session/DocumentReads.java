package io.rillflow.internal.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.DocumentMetadata;
import io.rillflow.RillflowException;
import io.rillflow.internal.document.DocumentTable;
import io.rillflow.internal.query.DynamicQuery;
import io.rillflow.internal.tracing.StoreTracing;
import io.rillflow.internal.tracing.TracedWork;
import io.rillflow.query.DocumentQuery;
import io.rillflow.internal.sql.ConnectionScope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Loads documents by id; one per store, shared by every kind of session. Each call runs one
 * statement on the session's scope.
 */
final class DocumentReads {
  private final ObjectMapper mapper;
  private final StoreTracing tracing;

  DocumentReads(ObjectMapper mapper, StoreTracing tracing) {
    this.mapper = mapper;
    this.tracing = tracing;
  }

  /** The store's tracing, for the sessions' own spans ({@code saveChanges}). */
  StoreTracing tracing() {
    return tracing;
  }

  <T> T load(ConnectionScope scope, DocumentTable<T, Object> table, Object id) {
    try (TracedWork span = tracing.load(table.typeName(), 1)) {
      try {
        return loadOne(scope, table, id);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    }
  }

  private <T> T loadOne(ConnectionScope scope, DocumentTable<T, Object> table, Object id) {
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(table.sql().load())) {
          table.bindId(statement, 1, id);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? table.read(id, rows.getString(1)) : null;
          }
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot load " + table.typeName() + " " + id + ": " + e.getMessage(), e);
    }
  }

  DocumentMetadata metadata(ConnectionScope scope, DocumentTable<?, Object> table, Object id) {
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(table.sql().metadata())) {
          table.bindId(statement, 1, id);
          try (ResultSet rows = statement.executeQuery()) {
            return rows.next()
                ? new DocumentMetadata(rows.getLong(1), instant(rows, 2), instant(rows, 3), instant(rows, 4))
                : null;
          }
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the metadata of " + table.typeName() + " " + id + ": " + e.getMessage(),
          e);
    }
  }

  private static java.time.Instant instant(ResultSet rows, int column) throws SQLException {
    java.time.OffsetDateTime time = rows.getObject(column, java.time.OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  boolean exists(ConnectionScope scope, DocumentTable<?, Object> table, Object id) {
    try {
      return scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(table.sql().exists())) {
          table.bindId(statement, 1, id);
          try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
          }
        }
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot check " + table.typeName() + " " + id + ": " + e.getMessage(), e);
    }
  }

  <T> DocumentQuery<T> query(ConnectionScope scope, DocumentTable<T, Object> table, UnaryOperator<T> resolve) {
    return tracing.query(DynamicQuery.of(scope, table, mapper, resolve), table.typeName());
  }

  /** The documents found, by id; ids without a document are absent. */
  <T> Map<Object, T> loadMany(ConnectionScope scope, DocumentTable<T, Object> table, Collection<?> ids) {
    if (ids.isEmpty()) {
      return new HashMap<>();
    }
    try (TracedWork span = tracing.load(table.typeName(), ids.size())) {
      try {
        return loadSome(scope, table, ids);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    }
  }

  private <T> Map<Object, T> loadSome(ConnectionScope scope, DocumentTable<T, Object> table, Collection<?> ids) {
    Map<Object, T> found = new HashMap<>();
    try {
      scope.statement(connection -> {
        try (PreparedStatement statement = connection.prepareStatement(table.sql().loadMany())) {
          statement.setArray(1, table.idArray(connection, ids));
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              Object id = rows.getObject(1, table.mapping().idType());
              found.put(id, table.read(id, rows.getString(2)));
            }
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new RillflowException("Cannot load " + ids.size() + " " + table.typeName() + " documents: " + e.getMessage(), e);
    }
    return found;
  }

  /** {@code found} in the order of {@code ids}. */
  static <T> List<T> inOrder(Collection<?> ids, Map<Object, T> found) {
    List<T> ordered = new ArrayList<>(ids.size());
    for (Object id : ids) {
      T document = found.get(id);
      if (document != null) {
        ordered.add(document);
      }
    }
    return ordered;
  }
}
