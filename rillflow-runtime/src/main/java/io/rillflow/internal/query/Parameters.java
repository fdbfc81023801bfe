package io.rillflow.internal.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds collected values to a statement, turning {@link BindValues.SqlArray}s into JDBC arrays. */
public final class Parameters {
  private Parameters() {}

  public static int bind(PreparedStatement statement, List<Object> values, int first) throws SQLException {
    int index = first;
    for (Object value : values) {
      if (value instanceof BindValues.SqlArray array) {
        statement.setArray(index++, statement.getConnection().createArrayOf(array.elementType(), array.values()));
      } else {
        statement.setObject(index++, value);
      }
    }
    return index;
  }
}
