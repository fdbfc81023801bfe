package io.rillflow.tests.readmodels;

import io.rillflow.events.EventEnvelope;
import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.Duplicated;
import io.rillflow.annotations.Lifecycle;
import io.rillflow.annotations.ReadModel;
import java.util.UUID;

/**
 * One shipment as its own stream tells it (a single-stream read model: the id is the stream id),
 * kept inline: written in the transaction of every append. A mutable class: handlers change it.
 */
@Document
@ReadModel(name = "shipments", lifecycle = Lifecycle.INLINE)
public class ShipmentView {
  UUID id;
  @Duplicated
  String city;
  String status;
  String signedBy;
  long version;

  @Apply
  void scheduled(ShipmentScheduled e, EventEnvelope<?> envelope) {
    id = envelope.streamUuid();
    city = e.city();
    status = "scheduled";
    version = envelope.version();
  }

  @Apply
  void delivered(ShipmentDelivered e, EventEnvelope<?> envelope) {
    status = "delivered";
    signedBy = e.signedBy();
    version = envelope.version();
  }
}
