package io.rillflow.internal.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit of work's queued writes, in order, indexed by document so that queuing is O(1): storing N
 * documents is O(N), and storing one document twice is one write.
 *
 * <p>The index maps each (type, id) to the place of the last write concerning it. A query delete
 * concerns unknown documents, so it clears the index: a document stored after it is written after
 * it, never folded into a write before it.
 */
final class PendingWrites {
  private record Key(Class<?> type, Object id) {}

  private final List<PendingWrite> writes = new ArrayList<>();
  private final Map<Key, Integer> last = new HashMap<>();

  /**
   * Queues a whole-document write. Storing a document already queued is one write, in the place of
   * the first: the later state (documents are serialized at saveChanges) at the later call's
   * expectation, or still an insert when the first inserted it. Two writes at one version would make
   * the second conflict with the first.
   */
  void queue(DocumentWrite write) {
    Key key = new Key(write.table().mapping().documentType(), write.id());
    Integer at = last.get(key);
    if (at != null && writes.get(at) instanceof DocumentWrite earlier) {
      writes.set(at, earlier instanceof DocumentWrite.Insert ? earlier.withDocument(write.document()) : write);
      return;
    }
    last.put(key, writes.size());
    writes.add(write);
  }

  void queue(RowWrite write) {
    last.put(new Key(write.table().mapping().documentType(), write.id()), writes.size());
    writes.add(write);
  }

  void queue(DeleteWhereWrite write) {
    last.clear();
    writes.add(write);
  }

  /** Drops the writes of one document. */
  void remove(Class<?> type, Object id) {
    boolean removed = writes.removeIf(
        write -> write.id() != null && write.table().mapping().documentType() == type && write.id().equals(id));
    if (removed) {
      reindex();
    }
  }

  /**
   * The writes to send. A patch that holds no change (none made, or each refused) is left out: it
   * would bump the version of a document it does not change.
   */
  List<PendingWrite> list() {
    if (writes.stream().noneMatch(PendingWrites::emptyPatch)) {
      return writes;
    }
    return writes.stream().filter(write -> !emptyPatch(write)).toList();
  }

  private static boolean emptyPatch(PendingWrite write) {
    return write instanceof RowWrite.Patch patch && patch.isEmpty();
  }

  int size() {
    return writes.size();
  }

  void clear() {
    writes.clear();
    last.clear();
  }

  private void reindex() {
    last.clear();
    for (int i = 0; i < writes.size(); i++) {
      PendingWrite write = writes.get(i);
      if (write.id() == null) {
        last.clear();
      } else {
        last.put(new Key(write.table().mapping().documentType(), write.id()), i);
      }
    }
  }
}
