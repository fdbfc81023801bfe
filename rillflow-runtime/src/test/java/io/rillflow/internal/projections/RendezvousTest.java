package io.rillflow.internal.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rendezvous hashing: every node agrees, the load spreads, and a node that joins or leaves moves only its share. */
class RendezvousTest {
  private static final List<String> PROJECTIONS = new ArrayList<>();

  static {
    for (int i = 0; i < 300; i++) {
      PROJECTIONS.add("projection-" + i);
    }
  }

  private static Map<String, String> owners(List<String> nodes) {
    Map<String, String> owners = new HashMap<>();
    PROJECTIONS.forEach(p -> owners.put(p, Rendezvous.owner(p, nodes)));
    return owners;
  }

  @Test
  void theOwnerDoesNotDependOnTheOrderTheNodesAreSeenIn() {
    assertThat(owners(List.of("a", "b", "c"))).isEqualTo(owners(List.of("c", "a", "b")));
  }

  @Test
  void theLoadSpreadsOverEveryNode() {
    Map<String, Long> load = new HashMap<>();
    owners(List.of("a", "b", "c")).values().forEach(node -> load.merge(node, 1L, Long::sum));
    assertThat(load).containsOnlyKeys("a", "b", "c");
    assertThat(load.values()).allSatisfy(count -> assertThat(count).isBetween(70L, 130L));
  }

  @Test
  void aJoiningNodeTakesOnlyProjectionsAndALeavingOneGivesOnlyItsOwn() {
    Map<String, String> three = owners(List.of("a", "b", "c"));
    Map<String, String> four = owners(List.of("a", "b", "c", "d"));
    PROJECTIONS.forEach(p -> assertThat(four.get(p)).isIn(three.get(p), "d"));
    assertThat(four.values()).contains("d");
    Map<String, String> two = owners(List.of("a", "b"));
    PROJECTIONS.stream().filter(p -> !three.get(p).equals("c"))
        .forEach(p -> assertThat(two.get(p)).as(p).isEqualTo(three.get(p)));
  }

  @Test
  void noNodesNoOwner() {
    assertThat(Rendezvous.owner("p", List.of())).isNull();
  }
}
