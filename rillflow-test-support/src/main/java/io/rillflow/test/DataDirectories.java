package io.rillflow.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/** File work on PostgreSQL data directories: copying a running one for a standby, deleting one. */
final class DataDirectories {
  /**
   * Files of the running server that a copy must not take: they describe that process, and a standby
   * that found them would believe it is that server or holds its lock.
   */
  private static final Set<String> SKIPPED_FILES = Set.of(
      "postmaster.pid", "postmaster.opts", "epg-lock", "backup_label", "tablespace_map", "standby.signal");
  /**
   * Directories whose contents belong to the running server only (pg_basebackup leaves them out too):
   * WAL is streamed to the standby instead, and a copied replication slot would be a second owner.
   */
  private static final Set<String> EMPTIED_DIRECTORIES = Set.of(
      "pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots",
      "pg_subtrans");

  private DataDirectories() {}

  /**
   * Copies the data directory of a running server between {@code pg_backup_start} and
   * {@code pg_backup_stop}. Files change and vanish while it copies: changes are repaired by the WAL
   * the standby replays from the backup's start, and a file that vanished is one the server dropped.
   */
  static void copyForStandby(Path from, Path to) {
    try {
      Files.walkFileTree(from, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
          Path target = to.resolve(from.relativize(directory).toString());
          Files.createDirectories(target);
          if (!directory.equals(from) && EMPTIED_DIRECTORIES.contains(directory.getFileName().toString())
              && directory.getParent().equals(from)) {
            if (directory.getFileName().toString().equals("pg_wal")) {
              Files.createDirectories(target.resolve("archive_status"));
              Files.createDirectories(target.resolve("summaries"));
            }
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          if (file.getParent().equals(from) && SKIPPED_FILES.contains(file.getFileName().toString())) {
            return FileVisitResult.CONTINUE;
          }
          try {
            Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
          } catch (NoSuchFileException e) {
            // Dropped by the server while we copied; the WAL replay drops it on the standby too.
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the data directory " + from + " to " + to, e);
    }
  }

  /** Deletes the directory and everything in it, quietly: called at JVM exit. */
  static void delete(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Left for the OS's temporary file cleaning.
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Left for the OS's temporary file cleaning.
    }
  }
}
