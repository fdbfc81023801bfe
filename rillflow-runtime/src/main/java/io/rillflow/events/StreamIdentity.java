package io.rillflow.events;

/**
 * How a store keeps its stream ids (see {@link EventStorage}): as text, which takes any id the API
 * accepts, or as PostgreSQL's {@code uuid}, 16 bytes instead of the 37 of a UUID's text, which takes
 * only UUIDs (a {@code String} id must then be a UUID's text).
 */
public enum StreamIdentity {
  /** Stream ids as {@code text}: {@code UUID}s and any non-blank {@code String}. The default. */
  TEXT,
  /** Stream ids as {@code uuid}: {@code UUID}s, and {@code String}s that are a UUID's text. */
  UUID
}
