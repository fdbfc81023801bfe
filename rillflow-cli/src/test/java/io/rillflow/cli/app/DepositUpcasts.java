package io.rillflow.cli.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rillflow.annotations.Upcast;

/** Deposited version 1 (whole euros) to version 2 (cents). */
final class DepositUpcasts {
  private DepositUpcasts() {}

  @Upcast(event = "Deposited", from = 1)
  static ObjectNode eurosToCents(ObjectNode body) {
    long euros = body.remove("euros").asLong();
    return body.put("cents", euros * 100);
  }
}
