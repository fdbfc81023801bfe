package io.rillflow.tests.lookups;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.Lifecycle;
import io.rillflow.annotations.ReadModel;
import io.rillflow.events.EventEnvelope;

/** An async read model built by the projection daemon from the enriched event. */
@Document
@ReadModel(name = "checkouts", lifecycle = Lifecycle.ASYNC)
public class CheckoutView {
  String id;
  String shopperName;

  @Apply
  void checkedOut(InvoiceSent e, EventEnvelope<?> envelope) {
    id = envelope.streamId();
    shopperName = e.shopperName();
  }
}
