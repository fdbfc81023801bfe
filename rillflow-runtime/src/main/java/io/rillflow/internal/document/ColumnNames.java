package io.rillflow.internal.document;

import io.rillflow.internal.sql.Identifiers;
import java.util.HashMap;
import java.util.Map;

/**
 * The duplicated columns of one table whose name in the database is not their plain name (see
 * {@link DuplicatedColumn}), and the rewrite of SQL written with plain names: compiled repository
 * queries and the metamodel name a column quoted ({@code "email"}), and nothing else in that SQL is a
 * quoted plain column name, so replacing the quoted name is exact. Applied once per SQL shape, when a
 * statement is first cached.
 */
final class ColumnNames {
  static final ColumnNames PLAIN = new ColumnNames(Map.of());

  /** Quoted plain name to quoted database name. */
  private final Map<String, String> renamed;

  private ColumnNames(Map<String, String> renamed) {
    this.renamed = renamed;
  }

  /** From plain name to database name, for every duplicated column of a table. */
  static ColumnNames of(Map<String, String> names) {
    Map<String, String> renamed = new HashMap<>();
    names.forEach((plain, name) -> {
      if (!plain.equals(name)) {
        renamed.put(Identifiers.quote(plain), Identifiers.quote(name));
      }
    });
    return renamed.isEmpty() ? PLAIN : new ColumnNames(Map.copyOf(renamed));
  }

  String rewrite(String sql) {
    String result = sql;
    for (Map.Entry<String, String> column : renamed.entrySet()) {
      result = result.replace(column.getKey(), column.getValue());
    }
    return result;
  }
}
