package io.rillflow.projections;

import java.util.Locale;

/** How the projection daemons of several nodes share the work; see {@link DaemonCluster}. */
public enum ClusterMode {
  /** Every daemon tries every projection; each projection's lease decides who runs it (the default). */
  SINGLE,
  /** One hot node runs every projection; cold standbys heartbeat and one is promoted when the hot node's lease ends. */
  HOTCOLD,
  /** The projections are spread over every live node and move when nodes come and go. */
  DISTRIBUTED;

  /** The name in the database, the command line and the metrics: {@code hotcold}, {@code distributed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode a label names, in any case.
   *
   * @throws IllegalArgumentException naming the label and the modes when it names none
   */
  public static ClusterMode of(String label) {
    for (ClusterMode mode : values()) {
      if (mode.label().equalsIgnoreCase(label)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("No cluster mode is named \"" + label + "\"; modes: single, hotcold, distributed");
  }
}
