package io.rillflow.tests.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventDeserializationException;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.events.UnknownEventTypeException;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

/** Rows the store cannot read fail the read, naming what and where; nothing is dropped silently. */
class BadEventDataTest extends RillflowTestBase {

  private long insert(String type, int schemaVersion, String json) {
    store().events().append("bad", ExpectedVersion.any(), new OrderShipped("o", "ok"));
    RawSql.execute(store(), "UPDATE rf_streams SET version = version + 1 WHERE stream_id = 'bad'");
    RawSql.execute(store(), "INSERT INTO rf_events (stream_id, version, type, schema_version, data) VALUES ('bad', "
        + "(SELECT version FROM rf_streams WHERE stream_id = 'bad'), '" + type + "', " + schemaVersion + ", '" + json + "')");
    return RawSql.count(store(), "SELECT max(seq_id) FROM rf_events");
  }

  @Test
  void jsonThatDoesNotFitItsClassNamesTypeVersionAndPosition() {
    long position = insert("OrderPlaced", 3, "{\"orderId\": \"o-1\", \"total\": \"not a number\"}");

    assertThatThrownBy(() -> store().events().readStream("bad"))
        .isInstanceOfSatisfying(EventDeserializationException.class, e -> {
          assertThat(e.type()).isEqualTo("OrderPlaced");
          assertThat(e.schemaVersion()).isEqualTo(3);
          assertThat(e.position()).isEqualTo(position);
          assertThat(e).hasMessageStartingWith("Cannot read event OrderPlaced (schema version 3) at position " + position
              + ": its JSON does not fit io.rillflow.tests.events.OrderPlaced");
        });
    SafePoint.await(store());
    assertThatThrownBy(() -> store().events().readAll(Checkpoint.START, 100))
        .isInstanceOf(EventDeserializationException.class);
  }

  @Test
  void anOldRowThatDoesNotFitTheInputOfItsUpcastNamesItsStoredVersion() {
    long position = insert("OrderPlaced", 1, "{\"orderId\": \"o-1\", \"cents\": \"lots\"}");

    assertThatThrownBy(() -> store().events().readStream("bad"))
        .isInstanceOf(EventDeserializationException.class)
        .hasMessageStartingWith("Cannot read event OrderPlaced (schema version 1) at position " + position
            + ": its JSON does not fit the input of the upcast from io.rillflow.tests.events.OrderPlacedV1");
  }

  @Test
  void aFailingJsonUpcastNamesTheStep() {
    long position = insert("OrderPlaced", 2, "{\"orderId\": \"o-1\", \"currency\": \"EUR\"}");

    assertThatThrownBy(() -> store().events().readStream("bad"))
        .isInstanceOf(EventDeserializationException.class)
        .hasMessageStartingWith("Cannot read event OrderPlaced (schema version 2) at position " + position
            + ": the JSON upcast of OrderPlaced from version 2 failed");
  }

  @Test
  void aVersionNewerThanTheClassIsAnError() {
    insert("OrderPlaced", 4, "{\"orderId\": \"o-1\"}");

    assertThatThrownBy(() -> store().events().readStream("bad"))
        .isInstanceOf(EventDeserializationException.class)
        .hasMessageContaining("(schema version 4)")
        .hasMessageContaining("it is newer than the current class io.rillflow.tests.events.OrderPlaced (version 3)");
  }

  @Test
  void anUnknownTypeFailsTheReadByDefault() {
    long position = insert("OrderCancelled", 1, "{\"orderId\": \"o-1\"}");

    assertThatThrownBy(() -> store().events().readStream("bad"))
        .isInstanceOfSatisfying(UnknownEventTypeException.class, e -> {
          assertThat(e.type()).isEqualTo("OrderCancelled");
          assertThat(e.schemaVersion()).isEqualTo(1);
          assertThat(e.position()).isEqualTo(position);
          assertThat(e).hasMessageStartingWith("Event type \"OrderCancelled\" (schema version 1) at position " + position
              + " has no @Event class in this store");
        });
    SafePoint.await(store());
    assertThatThrownBy(() -> store().events().readAll(Checkpoint.START, 100))
        .isInstanceOf(UnknownEventTypeException.class);
  }
}
