package io.rillflow.internal.projections;

/** The projection's row no longer has this node's owner and epoch: another node took it, or an admin action. */
final class LeaseLostException extends RuntimeException {
  LeaseLostException(String projection, long epoch) {
    super("Lost the lease on projection " + projection + " (epoch " + epoch + ")", null, false, false);
  }
}
