package io.rillflow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code snapshots compact-once|run-until-idle}: the background snapshotter
 * ({@link io.rillflow.aggregates.SnapshotCompaction}) run once from the command line. It needs the
 * application's aggregate classes on the class path; without them there is nothing to snapshot.
 */
@Command(name = "snapshots", mixinStandardHelpOptions = true, description = "Aggregate snapshots")
final class SnapshotsCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "compact-once", description = "One batch of snapshots")
  void compactOnce(
      @Option(names = "--threshold", defaultValue = "100", description = "Snapshot streams with more than this many"
          + " events past their last snapshot (default ${DEFAULT-VALUE})") long threshold,
      @Option(names = "--batch", defaultValue = "100", description = "Streams per batch (default ${DEFAULT-VALUE})")
      int batch) {
    report(root.store().snapshots().compactOnce(threshold, batch));
  }

  @Command(name = "run-until-idle", description = "Batches of snapshots until no stream is past the threshold")
  void runUntilIdle(
      @Option(names = "--threshold", defaultValue = "100", description = "Snapshot streams with more than this many"
          + " events past their last snapshot (default ${DEFAULT-VALUE})") long threshold,
      @Option(names = "--batch", defaultValue = "100", description = "Streams per batch (default ${DEFAULT-VALUE})")
      int batch) {
    report(root.store().snapshots().runUntilIdle(threshold, batch));
  }

  private void report(long written) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("written", written);
    root.output().message(json, "Wrote " + written + " snapshot(s).");
  }
}
