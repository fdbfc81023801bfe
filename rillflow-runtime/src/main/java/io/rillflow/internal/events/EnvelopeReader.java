package io.rillflow.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rillflow.events.Checkpoint;
import io.rillflow.events.EventDeserializationException;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventMetadata;
import io.rillflow.RillflowException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** Reads one row of {@link EventSql}'s event columns into an envelope, decoding the event. */
final class EnvelopeReader {
  private final EventDecoder decoder;
  private final ObjectReader headersReader;

  EnvelopeReader(EventDecoder decoder, ObjectMapper mapper) {
    this.decoder = decoder;
    this.headersReader = mapper.readerFor(new TypeReference<Map<String, Object>>() {});
  }

  /** The envelope of the current row, or {@code null} when its type is unknown and skipped. */
  EventEnvelope<?> read(ResultSet row) throws SQLException {
    return decode(raw(row));
  }

  /** The current row's columns as stored, decoding nothing; the stream type when the query read one (column 12). */
  RawRow raw(ResultSet row) throws SQLException {
    return new RawRow(new Checkpoint(row.getLong(11), row.getLong(1)), row.getString(2), row.getLong(3),
        row.getString(4), row.getInt(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
        row.getLong(10), row.getMetaData().getColumnCount() >= 12 ? row.getString(12) : null);
  }

  /**
   * The envelope of a row read raw, or {@code null} when its type is unknown and skipped.
   *
   * @throws RillflowException (an {@link EventDeserializationException} or unknown type) when it cannot be decoded
   */
  EventEnvelope<?> decode(RawRow row) {
    long position = row.checkpoint().position();
    Object data = decoder.decode(row.type(), row.schemaVersion(), row.data(), position);
    if (data == null) {
      return null;
    }
    EventMetadata metadata = row.headers() == null && row.causationId() == null && row.correlationId() == null
        ? EventMetadata.NONE
        : new EventMetadata(row.headers() == null ? Map.of()
            : readHeaders(row.headers(), row.type(), row.schemaVersion(), position),
            row.causationId(), row.correlationId());
    return new EventEnvelope<>(row.streamId(), row.version(), position, row.type(), row.schemaVersion(), data,
        metadata, EventTimestamps.instant(row.micros()), row.checkpoint());
  }

  /** The current row of a global read, whether or not its event can be decoded. */
  GlobalRow readRow(ResultSet row) throws SQLException {
    Checkpoint checkpoint = new Checkpoint(row.getLong(11), row.getLong(1));
    String stream = row.getString(2);
    long version = row.getLong(3);
    String type = row.getString(4);
    try {
      return new GlobalRow(checkpoint, stream, version, type, read(row), null);
    } catch (RillflowException e) {
      // EventDeserializationException or UnknownEventTypeException: the row, not the read, is at fault.
      return new GlobalRow(checkpoint, stream, version, type, null, e);
    }
  }

  private Map<String, Object> readHeaders(String json, String type, int schemaVersion, long position) {
    try {
      return headersReader.readValue(json);
    } catch (JsonProcessingException e) {
      throw new EventDeserializationException(type, schemaVersion, position,
          "its headers are not a JSON object: " + e.getOriginalMessage(), e);
    }
  }
}
