package io.rillflow;

import io.rillflow.events.ExpectedVersion;

/**
 * A write expected a document or stream at one version and found another; nothing of the failed
 * {@code saveChanges()} or append was written. Reload, decide again, retry.
 */
public class ConcurrencyException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final String subject;
  private final transient Object id;
  private final long expectedVersion;
  private final long actualVersion;

  /**
   * @param subject what was written: a document type's name, or {@code "stream"}
   * @param id the document or stream id
   * @param expectedVersion the version the write expected; 0 means "new"
   * @param actualVersion the version found; 0 means it does not exist
   */
  public ConcurrencyException(String subject, Object id, long expectedVersion, long actualVersion) {
    super(subject + " " + id + ": expected " + (expectedVersion == 0 ? "it to be new" : "version " + expectedVersion)
        + ", but " + (actualVersion == 0 ? "it does not exist" : "it is at version " + actualVersion));
    this.subject = subject;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /**
   * A stream append that found its stream not as {@code expected}.
   *
   * @param streamId the stream's key
   * @param expected what the append expected
   * @param actualVersion the stream's version; 0 means it does not exist
   */
  public ConcurrencyException(Object streamId, ExpectedVersion expected, long actualVersion) {
    super("stream " + streamId + ": expected " + expected.describe() + ", but "
        + (actualVersion == 0 ? "it does not exist" : "it is at version " + actualVersion));
    this.subject = "stream";
    this.id = streamId;
    this.expectedVersion = expected.version();
    this.actualVersion = actualVersion;
  }

  /** What was written: a document type's simple name, or {@code "stream"}. */
  public String subject() {
    return subject;
  }

  /** The document or stream id. */
  public Object id() {
    return id;
  }

  /** The version the write expected; 0 means "new", -1 any existing version. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version found; 0 means it does not exist. */
  public long actualVersion() {
    return actualVersion;
  }
}
