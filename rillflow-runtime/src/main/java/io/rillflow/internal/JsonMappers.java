package io.rillflow.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Makes the one {@link ObjectMapper} a store uses for every document and event. */
final class JsonMappers {
  private JsonMappers() {}

  /**
   * The store's mapper. Documents are stored by their fields (records by their components), the
   * same members the processor reads to build paths and duplicated columns, so a JSON path and a
   * Java member always agree. Dates are ISO-8601 text so that they sort and compare in SQL.
   * Unknown properties are ignored: a field removed from a class must not make old rows unreadable.
   */
  static ObjectMapper create(ObjectMapper given) {
    ObjectMapper mapper = given != null
        ? given.copy().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        : defaults();
    JsonLimits.apply(mapper);
    return mapper;
  }

  private static ObjectMapper defaults() {
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
}
