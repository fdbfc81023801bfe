package io.rillflow.tests.limits;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A document with a member at each of the store's value limits. */
@Document
public record Gauge(UUID id, long count, int small, double level, BigDecimal amount, String text, Instant at,
    Map<String, Object> tree, @Duplicated(indexed = false) Instant stamp) {

  static Gauge of(UUID id) {
    return new Gauge(id, 0, 0, 0, BigDecimal.ZERO, "", null, Map.of(), null);
  }

  Gauge withCount(long newCount) {
    return new Gauge(id, newCount, small, level, amount, text, at, tree, stamp);
  }

  Gauge withAmount(BigDecimal newAmount) {
    return new Gauge(id, count, small, level, newAmount, text, at, tree, stamp);
  }

  Gauge withText(String newText) {
    return new Gauge(id, count, small, level, amount, newText, at, tree, stamp);
  }

  Gauge withAt(Instant newAt) {
    return new Gauge(id, count, small, level, amount, text, newAt, tree, stamp);
  }

  Gauge withTree(Map<String, Object> newTree) {
    return new Gauge(id, count, small, level, amount, text, at, newTree, stamp);
  }

  Gauge withStamp(Instant newStamp) {
    return new Gauge(id, count, small, level, amount, text, at, tree, newStamp);
  }
}
