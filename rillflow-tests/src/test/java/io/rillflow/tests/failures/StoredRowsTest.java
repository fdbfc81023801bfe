package io.rillflow.tests.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rows that no longer match their class or their id fail naming the type and the row. */
class StoredRowsTest extends RillflowTestBase {

  @Test
  void aRowWhoseJsonNoLongerFitsItsClassFailsNamingTypeAndId() throws Exception {
    UUID id = UUID.randomUUID();
    sql("INSERT INTO doc_parcel (id, data) VALUES ('" + id + "', '{\"id\": \"" + id + "\", \"weight\": \"heavy\"}')");
    assertThatThrownBy(() -> store().querySession().load(Parcel.class, id))
        .isInstanceOf(RillflowException.class)
        .hasMessageContaining("Cannot read " + Parcel.class.getName() + " " + id + " from its JSON");
    assertThatThrownBy(() -> store().querySession().loadMany(Parcel.class, List.of(id)))
        .isInstanceOf(RillflowException.class)
        .hasMessageContaining(Parcel.class.getName() + " " + id);
  }

  @Test
  void aRowWhoseJsonNamesAnotherIdIsRefusedNotLoadedAsTheOther() throws Exception {
    Parcel parcel = new Parcel(UUID.randomUUID(), "books", 3);
    try (DocumentSession session = store().lightweightSession()) {
      session.store(parcel);
      session.saveChanges();
    }
    UUID copy = UUID.randomUUID();
    // A row copied by raw SQL keeps the JSON, and so the id, of the row it was copied from.
    sql("INSERT INTO doc_parcel (id, data) SELECT '" + copy + "', data FROM doc_parcel WHERE id = '" + parcel.id() + "'");

    assertThatThrownBy(() -> store().querySession().load(Parcel.class, copy))
        .isInstanceOf(RillflowException.class)
        .hasMessage("Row " + copy + " of doc_parcel holds the JSON of " + Parcel.class.getName() + " " + parcel.id()
            + ": not loaded as another document; make the row's id and its JSON's id agree");
    assertThatThrownBy(() -> store().querySession().loadMany(Parcel.class, List.of(parcel.id(), copy)))
        .isInstanceOf(RillflowException.class)
        .hasMessageStartingWith("Row " + copy + " of doc_parcel");
    assertThat(store().querySession().load(Parcel.class, parcel.id())).contains(parcel);
  }

  private void sql(String sql) throws Exception {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql.replace("doc_parcel", "\"" + store().schemaName() + "\".doc_parcel"));
    }
  }
}
