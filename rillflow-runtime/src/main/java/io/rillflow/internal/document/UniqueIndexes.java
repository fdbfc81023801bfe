package io.rillflow.internal.document;

import io.rillflow.UniqueConstraintException;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.DuplicatedField;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Which document field each unique index of a store guards, so that PostgreSQL's unique violation
 * becomes a {@link UniqueConstraintException} naming the type, the field and the value. The index
 * is known from the error's constraint field (not its text); every name the index can have is listed
 * (plain or hashed column, live rows only or all), so it is recognised whichever this schema holds.
 * Built once per store.
 */
public final class UniqueIndexes {
  /** PostgreSQL's unique_violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private record Guarded(Class<?> documentType, String field) {}

  private final Map<String, Guarded> byIndex;

  public UniqueIndexes(Collection<DocumentMapping<?, ?>> mappings, String schema) {
    Map<String, Guarded> indexes = new HashMap<>();
    for (DocumentMapping<?, ?> mapping : mappings) {
      String table = mapping.tableName();
      for (DuplicatedField field : mapping.duplicatedFields()) {
        if (!field.unique()) {
          continue;
        }
        DuplicatedColumn column = new DuplicatedColumn(table, field, schema);
        Guarded guarded = new Guarded(mapping.documentType(), String.join(".", field.path()));
        for (String name : new String[] {column.plainName(), column.hashedName()}) {
          indexes.put(DuplicatedColumn.indexName(table, name, true, false), guarded);
          indexes.put(DuplicatedColumn.indexName(table, name, true, true), guarded);
        }
      }
    }
    this.byIndex = Map.copyOf(indexes);
  }

  /**
   * The typed exception for {@code failure} when it (or the failure a batch reported for it) is a
   * unique violation of a duplicated field's index; {@code null} otherwise.
   */
  public UniqueConstraintException translate(SQLException failure) {
    SQLException cause = failure instanceof BatchUpdateException && failure.getNextException() != null
        ? failure.getNextException() : failure;
    if (!UNIQUE_VIOLATION.equals(cause.getSQLState()) || !(cause instanceof PSQLException psql)) {
      return null;
    }
    ServerErrorMessage server = psql.getServerErrorMessage();
    if (server == null || server.getConstraint() == null) {
      return null;
    }
    Guarded guarded = byIndex.get(server.getConstraint());
    if (guarded == null) {
      return null;
    }
    return new UniqueConstraintException(guarded.documentType(), guarded.field(), value(server.getDetail()),
        server.getConstraint(), cause);
  }

  /**
   * The value in PostgreSQL's detail, {@code Key (isbn)=(978-1) already exists.}; {@code null} when
   * the server sent no detail (it may be hidden from the role) or another shape.
   */
  private static String value(String detail) {
    if (detail == null) {
      return null;
    }
    int start = detail.indexOf(")=(");
    int end = detail.lastIndexOf(") already exists");
    return start < 0 || end < start ? null : detail.substring(start + 3, end);
  }
}
