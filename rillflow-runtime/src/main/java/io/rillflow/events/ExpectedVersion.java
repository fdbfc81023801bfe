package io.rillflow.events;

import io.rillflow.ConcurrencyException;

/**
 * What an append expects of its stream's version; the append fails with
 * {@link ConcurrencyException}, writing nothing, when the stream is not as expected. A stream's
 * version is the version of its last event: 0 before the first, then 1, 2, ...
 *
 * <pre>{@code
 * events.append(orderId, ExpectedVersion.noStream(), new OrderPlaced(...));     // creates the stream
 * events.append(orderId, ExpectedVersion.exactly(1), new OrderShipped(...));    // nobody appended since
 * events.append(orderId, ExpectedVersion.any(), new NoteAdded(...));            // no check
 * }</pre>
 */
public final class ExpectedVersion {
  /** The kinds of expectation. */
  public enum Kind {
    /** No check: appends to the stream, creating it when needed. */
    ANY,
    /** The stream must not exist yet. */
    NO_STREAM,
    /** The stream must exist, at any version. */
    STREAM_EXISTS,
    /** The stream must be at exactly {@link ExpectedVersion#version()}. */
    EXACTLY
  }

  private static final ExpectedVersion ANY = new ExpectedVersion(Kind.ANY, -1);
  private static final ExpectedVersion NO_STREAM = new ExpectedVersion(Kind.NO_STREAM, 0);
  private static final ExpectedVersion STREAM_EXISTS = new ExpectedVersion(Kind.STREAM_EXISTS, -1);

  private final Kind kind;
  private final long version;

  private ExpectedVersion(Kind kind, long version) {
    this.kind = kind;
    this.version = version;
  }

  /** No expectation: the append always goes through (unless the stream is archived). */
  public static ExpectedVersion any() {
    return ANY;
  }

  /** The stream must not exist: the append creates it. */
  public static ExpectedVersion noStream() {
    return NO_STREAM;
  }

  /** The stream must exist, at any version. */
  public static ExpectedVersion streamExists() {
    return STREAM_EXISTS;
  }

  /**
   * The stream must be at exactly {@code version}, that is its last event has this version;
   * {@code exactly(0)} is {@link #noStream()}.
   *
   * @throws IllegalArgumentException when {@code version} is negative
   */
  public static ExpectedVersion exactly(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("An expected stream version is 0 (no stream) or more, but was " + version);
    }
    return version == 0 ? NO_STREAM : new ExpectedVersion(Kind.EXACTLY, version);
  }

  /** The kind of expectation. */
  public Kind kind() {
    return kind;
  }

  /** The expected version: exact for {@code EXACTLY}, 0 for {@code NO_STREAM}, -1 otherwise. */
  public long version() {
    return version;
  }

  /** How a message says it: "version 3", "no stream", "an existing stream", "any version". */
  public String describe() {
    return switch (kind) {
      case ANY -> "any version";
      case NO_STREAM -> "no stream";
      case STREAM_EXISTS -> "an existing stream";
      case EXACTLY -> "version " + version;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExpectedVersion that && kind == that.kind && version == that.version;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Long.hashCode(version);
  }

  @Override
  public String toString() {
    return "ExpectedVersion[" + describe() + "]";
  }
}
