package io.rillflow;

/** What {@link DocumentStore#bulkInsert(java.util.Collection, BulkMode)} does with ids that already exist. */
public enum BulkMode {
  /** Fail the whole load (nothing written) if any id exists. The fastest: straight {@code COPY} into the table. */
  INSERT_ONLY,
  /** Keep the stored document and skip the new one. */
  IGNORE_DUPLICATES,
  /** Replace the stored document; within one load the last document with an id wins. */
  OVERWRITE
}
