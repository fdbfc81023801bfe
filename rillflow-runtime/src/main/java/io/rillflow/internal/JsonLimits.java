package io.rillflow.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the store's mapper reads and writes, set so that whatever the store writes it can read.
 *
 * <p>Jackson reads at most 20,000,000 characters per string and 1,000 per number, while PostgreSQL
 * stores far more in {@code jsonb}: a 25 MB string, or {@code BigDecimal 1E+1000} (which comes back
 * as 1,001 digits), was written and then failed every load. Those read limits are raised to what
 * PostgreSQL holds: a jsonb value is at most {@value #MAX_STRING_LENGTH} bytes, a numeric at most
 * 131,072 digits before the point and 16,383 after. A larger value PostgreSQL refuses on write, so
 * nothing unreadable is stored.
 *
 * <p>Nesting depth is the other way round: the same limit, {@value #MAX_NESTING_DEPTH}, on write and
 * read. PostgreSQL would store deeper documents, but reading one recurses once per level in Jackson
 * and in the class's deserializers, and a limit far above Jackson's default trades a clear error for
 * a risk of {@code StackOverflowError}. A deeper document fails on write, naming the limit, with
 * nothing written.
 */
public final class JsonLimits {
  static final int MAX_STRING_LENGTH = 268_435_455;
  static final int MAX_NUMBER_LENGTH = 131_072 + 16_383 + 2;
  /** The deepest nesting the store reads, and so writes. */
  public static final int MAX_NESTING_DEPTH = 1_000;

  private JsonLimits() {}

  static void apply(ObjectMapper mapper) {
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(MAX_STRING_LENGTH)
        .maxNumberLength(MAX_NUMBER_LENGTH)
        .maxNestingDepth(MAX_NESTING_DEPTH)
        .build());
    // The generator counts a level as it opens it, the parser one level sooner: a writer allowed
    // 1,000 writes documents 1,001 deep, which the reader then refuses (measured on 2.22).
    mapper.getFactory().setStreamWriteConstraints(StreamWriteConstraints.builder()
        .maxNestingDepth(MAX_NESTING_DEPTH - 1)
        .build());
  }
}
