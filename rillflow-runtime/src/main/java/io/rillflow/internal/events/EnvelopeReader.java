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
  private final UpcastLookups lookups;

  EnvelopeReader(EventDecoder decoder, ObjectMapper mapper) {
    this(decoder, mapper, UpcastLookups.NONE);
  }

  EnvelopeReader(EventDecoder decoder, ObjectMapper mapper, UpcastLookups lookups) {
    this.decoder = decoder;
    this.headersReader = mapper.readerFor(new TypeReference<Map<String, Object>>() {});
    this.lookups = lookups;
  }

  /**
   * The rows of one read, sharing the read's lookup-upcast cache ({@link UpcastLookups}): take one
   * per read, as {@code envelopes.read()::envelope}.
   */
  Read read() {
    return new Read(lookups.newRead());
  }

  /** One read's rows. */
  final class Read {
    private final UpcastLookups.Read lookups;

    private Read(UpcastLookups.Read lookups) {
      this.lookups = lookups;
    }

    /** The envelope of the current row, or {@code null} when its type is unknown and skipped. */
    EventEnvelope<?> envelope(ResultSet row) throws SQLException {
      return decode(columns(row, null), row.getBytes(6), lookups);
    }

    /**
     * The envelope of the current row of a stream read ({@link EventSql#STREAM_EVENT_COLUMNS}), or
     * {@code null} when its type is unknown and skipped.
     */
    EventEnvelope<?> ofStream(ResultSet row, String streamId) throws SQLException {
      RawRow stored = new RawRow(new Checkpoint(row.getLong(10), row.getLong(1)), streamId, row.getLong(2),
          row.getString(3), row.getInt(4), null, row.getString(6), row.getString(7), row.getString(8),
          EventTimestamps.micros(row, 9), null);
      return decode(stored, row.getBytes(5), lookups);
    }

    /** The current row of a global read, whether or not its event can be decoded. */
    GlobalRow row(ResultSet row) throws SQLException {
      return EnvelopeReader.this.readRow(row, lookups);
    }
  }

  /** The envelope of the current row, a read of its own; or {@code null} when its type is unknown and skipped. */
  EventEnvelope<?> read(ResultSet row) throws SQLException {
    return decode(columns(row, null), row.getBytes(6), lookups.newRead());
  }

  /** The current row's columns as stored, decoding nothing; the stream type when the query read one (column 12). */
  RawRow raw(ResultSet row) throws SQLException {
    return columns(row, row.getString(6));
  }

  /** The current row's columns with {@code data} for the event's JSON (column 6). */
  private static RawRow columns(ResultSet row, String data) throws SQLException {
    return new RawRow(new Checkpoint(row.getLong(11), row.getLong(1)), row.getString(2), row.getLong(3),
        row.getString(4), row.getInt(5), data, row.getString(7), row.getString(8), row.getString(9),
        EventTimestamps.micros(row, 10), row.getMetaData().getColumnCount() >= 12 ? row.getString(12) : null);
  }

  /**
   * The envelope of a row read raw (a read of its own), or {@code null} when its type is unknown and skipped.
   *
   * @throws RillflowException (an {@link EventDeserializationException} or unknown type) when it cannot be decoded
   */
  EventEnvelope<?> decode(RawRow row) {
    return decode(row, lookups.newRead());
  }

  private EventEnvelope<?> decode(RawRow row, UpcastLookups.Read lookups) {
    Object data = decoder.decode(row.type(), row.schemaVersion(), row.data(), row.position(), lookups);
    return data == null ? null : envelopeOf(row, data);
  }

  /**
   * The envelope of a row read without its JSON ({@code stored.data()} is {@code null}), its event
   * decoded from {@code json}, the column's UTF-8 bytes as the driver holds them: no {@code String}
   * made of them on the way (a read that keeps no raw row, all but the subscriptions'). They are the
   * jsonb value's text: pgjdbc receives jsonb in text form and in UTF-8 (it sets the client encoding),
   * unless an application adds jsonb's OID to the driver's {@code binaryTransferEnable}, which the
   * store does not support.
   */
  private EventEnvelope<?> decode(RawRow stored, byte[] json, UpcastLookups.Read lookups) {
    Object data = decoder.decode(stored.type(), stored.schemaVersion(), json, stored.position(), lookups);
    return data == null ? null : envelopeOf(stored, data);
  }

  /** The envelope of a row whose event is {@code data}; the row's own JSON is not read. */
  private EventEnvelope<?> envelopeOf(RawRow row, Object data) {
    return new EventEnvelope<>(row.streamId(), row.version(), row.position(), row.type(), row.schemaVersion(), data,
        metadata(row), EventTimestamps.instant(row.micros()), row.checkpoint());
  }

  /** The row's metadata; its headers' JSON is parsed only when asked for (most readers never do). */
  private EventMetadata metadata(RawRow row) {
    if (row.headers() == null) {
      return row.causationId() == null && row.correlationId() == null ? EventMetadata.NONE
          : new EventMetadata(Map.of(), row.causationId(), row.correlationId());
    }
    // The parser holds the headers' text and what an error names, not the row (and its event's JSON).
    String json = row.headers();
    String type = row.type();
    int schemaVersion = row.schemaVersion();
    long position = row.position();
    return EventMetadata.parsedOnFirstUse(() -> readHeaders(json, type, schemaVersion, position),
        row.causationId(), row.correlationId());
  }

  /** The current row of a global read, whether or not its event can be decoded (a read of its own). */
  GlobalRow readRow(ResultSet row) throws SQLException {
    return readRow(row, lookups.newRead());
  }

  private GlobalRow readRow(ResultSet row, UpcastLookups.Read lookups) throws SQLException {
    // Every column is read from the driver once, and the event decoded from its bytes.
    RawRow stored = columns(row, null);
    byte[] json = row.getBytes(6);
    try {
      return new GlobalRow(stored.checkpoint(), stored.streamId(), stored.version(), stored.type(),
          decode(stored, json, lookups), null);
    } catch (RillflowException e) {
      // EventDeserializationException or UnknownEventTypeException: the row, not the read, is at fault.
      return new GlobalRow(stored.checkpoint(), stored.streamId(), stored.version(), stored.type(), null, e);
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
