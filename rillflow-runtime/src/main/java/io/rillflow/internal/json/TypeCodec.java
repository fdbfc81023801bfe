package io.rillflow.internal.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The store's Jackson reader and writer for one class (a document or an event), each built once, on
 * first use: Jackson introspects the class when they are made, which a store of many types should
 * not pay for at start-up. Threads racing on first use may each build one; any will do, since both
 * are immutable.
 */
public final class TypeCodec {
  private final ObjectMapper mapper;
  private final Class<?> type;
  private volatile ObjectReader reader;
  private volatile ObjectWriter writer;

  public TypeCodec(ObjectMapper mapper, Class<?> type) {
    this.mapper = mapper;
    this.type = type;
  }

  /** Reads the class from JSON. */
  public ObjectReader reader() {
    ObjectReader built = reader;
    if (built == null) {
      built = mapper.readerFor(type);
      reader = built;
    }
    return built;
  }

  /** Writes the class as JSON. */
  public ObjectWriter writer() {
    ObjectWriter built = writer;
    if (built == null) {
      built = mapper.writerFor(type);
      writer = built;
    }
    return built;
  }
}
