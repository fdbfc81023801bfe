package io.rillflow.events;

/**
 * How a store archives streams ({@link EventStore#archiveStream(java.util.UUID)}) and whether its
 * reads take archived events in. Set on the builder:
 *
 * <pre>{@code
 * DocumentStore store = DocumentStore.builder().url(url)
 *     .archive(ArchiveOptions.DEFAULT.includeArchivedByDefault(true).batchSize(5_000))
 *     .build();
 * }</pre>
 *
 * @param includeArchivedByDefault whether {@code store.events()} reads archived streams' events too,
 *     as {@link EventStore#withArchived()} does; default {@code false}. Projections, subscriptions,
 *     aggregates and appends are not affected: they work on live streams only.
 * @param batchSize how many events one transaction moves between the live and the archive table;
 *     default 1,000
 */
public record ArchiveOptions(boolean includeArchivedByDefault, int batchSize) {
  /** Hot reads by default, 1,000 events per batch. */
  public static final ArchiveOptions DEFAULT = new ArchiveOptions(false, 1_000);

  /** Checks the batch size. */
  public ArchiveOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("archive batchSize must be at least 1 but was " + batchSize);
    }
  }

  /** As these, with {@code includeArchivedByDefault} as given. */
  public ArchiveOptions includeArchivedByDefault(boolean include) {
    return new ArchiveOptions(include, batchSize);
  }

  /** As these, with {@code batchSize} as given. */
  public ArchiveOptions batchSize(int events) {
    return new ArchiveOptions(includeArchivedByDefault, events);
  }
}
