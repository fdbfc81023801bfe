package io.rillflow.tests.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.events.AppendOptions;
import io.rillflow.AutoCreate;
import io.rillflow.ConcurrencyException;
import io.rillflow.projections.DeadLetter;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionDaemon;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.projections.ProjectionOptions;
import io.rillflow.SchemaException;
import io.rillflow.Trace;
import io.rillflow.test.RillflowTestBase;
import io.rillflow.tests.events.SafePoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code @ReadModel} documents run by the store as projections, from the code the processor
 * generated for them: multi-stream (the id from an event member), single-stream (the id is the
 * stream's), inline and async, creation, change and deletion, rebuild, and events that cannot be
 * placed.
 */
class ReadModelTest extends RillflowTestBase {

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.projectionOptions(ProjectionOptions.defaults().batchSize(4).maxAttempts(2).retryBackoff(Duration.ofMillis(1)));
  }

  @Test
  void everyReadModelOfTheClassPathIsRegisteredUnderItsName() {
    assertThat(store().projections().names())
        .contains("customer-spend", "shipments", "points-balance", "customer-coupons", "aggregate:doc_basket");
  }

  @Test
  void aProjectionOnTheBuilderCannotTakeAReadModelsName() {
    DocumentStoreBuilder clash = DocumentStore.builder().dataSource(store().dataSource()).schema(store().schemaName())
        .autoCreate(AutoCreate.NONE).projection("customer-spend", ProjectionLifecycle.ASYNC, (event, context) -> {});

    assertThatThrownBy(clash::build)
        .isInstanceOf(SchemaException.class)
        .hasMessageContaining("Two projections are named \"customer-spend\"")
        .hasMessageContaining("the read model of " + CustomerSpend.class.getName());
  }

  @Test
  void aMultiStreamReadModelGathersTheEventsOfEachCustomerFromManyStreams() {
    store().events().append("order-1", ExpectedVersion.noStream(), new Purchased("ann", new BigDecimal("10.00")));
    store().events().append("order-2", ExpectedVersion.noStream(), new Purchased("bob", new BigDecimal("7.50")));
    store().events().append("order-3", ExpectedVersion.noStream(), new Purchased("ann", new BigDecimal("5.00")),
        new Refunded("ann", new BigDecimal("2.00")));
    store().events().append("order-2", ExpectedVersion.exactly(1), new Purchased("bob", new BigDecimal("1.25")));
    SafePoint.await(store());

    store().projections().daemon().runUntilIdle();

    try (var session = store().querySession()) {
      assertThat(session.load(CustomerSpend.class, "ann")).contains(new CustomerSpend("ann", 2, new BigDecimal("13.00"), 3));
      assertThat(session.load(CustomerSpend.class, "bob")).contains(new CustomerSpend("bob", 2, new BigDecimal("8.75"), 5));
    }
  }

  @Test
  void anInstanceHandlerReturningNullDeletesTheDocument() {
    store().events().append("order-1", ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.ONE));
    store().events().append("order-2", ExpectedVersion.noStream(), new Purchased("bob", BigDecimal.ONE));
    store().events().append("customer-ann", ExpectedVersion.noStream(), new CustomerForgotten("ann"));
    SafePoint.await(store());

    store().projections().daemon().runUntilIdle();

    try (var session = store().querySession()) {
      assertThat(session.load(CustomerSpend.class, "ann")).as("created and deleted in one batch").isEmpty();
      assertThat(session.load(CustomerSpend.class, "bob")).isPresent();
    }

    store().events().append("customer-bob", ExpectedVersion.noStream(), new CustomerForgotten("bob"));
    SafePoint.await(store());
    store().projections().daemon().runUntilIdle();
    try (var session = store().querySession()) {
      assertThat(session.load(CustomerSpend.class, "bob")).as("stored by an earlier batch, deleted").isEmpty();
    }
  }

  @Test
  void rebuildReplaysEveryEventIntoAnEmptyReadModel() {
    store().events().append("order-1", ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.TEN));
    store().events().append("order-2", ExpectedVersion.noStream(), new Purchased("ann", BigDecimal.ONE));
    SafePoint.await(store());
    ProjectionDaemon daemon = store().projections().daemon();
    daemon.runUntilIdle();
    try (DocumentSession session = store().openSession()) {
      session.store(new CustomerSpend("ann", 99, BigDecimal.ZERO, 0));
      session.store(new CustomerSpend("ghost", 1, BigDecimal.ONE, 0));
      session.saveChanges();
    }

    daemon.rebuild("customer-spend");
    try (var session = store().querySession()) {
      assertThat(session.load(CustomerSpend.class, "ghost")).as("cleared by the rebuild").isEmpty();
    }
    daemon.runUntilIdle();

    try (var session = store().querySession()) {
      assertThat(session.load(CustomerSpend.class, "ann")).contains(new CustomerSpend("ann", 2, new BigDecimal("11"), 2));
      assertThat(session.load(CustomerSpend.class, "ghost")).isEmpty();
    }
  }

  @Test
  void anInlineSingleStreamReadModelIsWrittenWithTheAppend() {
    UUID shipment = UUID.randomUUID();
    store().events().append(shipment, ExpectedVersion.noStream(), new ShipmentScheduled("Oslo"));

    ShipmentView view = load(ShipmentView.class, shipment);
    assertThat(view.id).isEqualTo(shipment);
    assertThat(view.city).isEqualTo("Oslo");
    assertThat(view.status).isEqualTo("scheduled");
    assertThat(view.version).isEqualTo(1);

    try (DocumentSession session = store().openSession()) {
      session.events().append(shipment, ExpectedVersion.exactly(1), new ShipmentDelivered("Kari"));
      session.saveChanges();
    }
    view = load(ShipmentView.class, shipment);
    assertThat(view.status).isEqualTo("delivered");
    assertThat(view.signedBy).isEqualTo("Kari");
    assertThat(view.version).isEqualTo(2);
  }

  @Test
  void aFailedAppendWritesNoInlineReadModel() {
    UUID shipment = UUID.randomUUID();
    store().events().append(shipment, ExpectedVersion.noStream(), new ShipmentScheduled("Oslo"));

    assertThatThrownBy(() -> store().events().append(shipment, ExpectedVersion.exactly(5), new ShipmentDelivered("Kari")))
        .isInstanceOf(ConcurrencyException.class);

    assertThat(load(ShipmentView.class, shipment).status).isEqualTo("scheduled");
  }

  @Test
  void anAppendOfEventsNoInlineReadModelHandlesDoesNotRunThem() {
    store().trace().enable();
    try {
      AppendOptions unrelated = AppendOptions.builder().correlationId("unrelated").build();
      store().events().append("order-1", ExpectedVersion.noStream(), unrelated, new Purchased("ann", BigDecimal.ONE));
      AppendOptions shipping = AppendOptions.builder().correlationId("shipping").build();
      store().events().append(UUID.randomUUID(), ExpectedVersion.noStream(), shipping, new ShipmentScheduled("Oslo"));

      assertThat(store().trace().steps("unrelated")).extracting(Trace.Step::component).doesNotContain("Projection shipments");
      assertThat(store().trace().steps("shipping")).extracting(Trace.Step::component).contains("Projection shipments");
    } finally {
      store().trace().disable();
    }
  }

  @Test
  void anEventWhoseIdMemberHoldsSeveralIdsChangesADocumentForEach() {
    store().events().append("campaign-1", ExpectedVersion.any(), new CouponSent(Set.of("ann", "bob"), "SPRING"),
        new CouponSent(Set.of("bob"), "VIP"));
    store().events().append("campaign-2", ExpectedVersion.any(), new CouponSent(Set.of("ann", "cid"), "SUMMER"));
    SafePoint.await(store());

    store().projections().daemon().runUntilIdle();

    assertThat(load(CustomerCoupons.class, "ann").codes).containsExactly("SPRING", "SUMMER");
    assertThat(load(CustomerCoupons.class, "bob").codes).containsExactly("SPRING", "VIP");
    assertThat(load(CustomerCoupons.class, "cid").codes).containsExactly("SUMMER");
    assertThat(load(CustomerCoupons.class, "ann").id).isEqualTo("ann");
  }

  @Test
  void aPrimitiveIdComesFromItsEventMember() {
    store().events().append("points-1", ExpectedVersion.any(), new PointsEarned(7, 10), new PointsEarned(8, 1));
    store().events().append("points-2", ExpectedVersion.any(), new PointsEarned(7, 5));
    SafePoint.await(store());

    store().projections().daemon().runUntilIdle();

    assertThat(load(PointsBalance.class, 7L)).isEqualTo(new PointsBalance(7, 15));
    assertThat(load(PointsBalance.class, 8L)).isEqualTo(new PointsBalance(8, 1));
  }

  @Test
  void anEventWithoutItsDocumentIdGoesToTheDeadLettersAndTheOthersAreApplied() {
    store().events().append("order-1", ExpectedVersion.noStream(), new Purchased(null, BigDecimal.ONE));
    store().events().append("order-2", ExpectedVersion.noStream(), new Purchased("bob", BigDecimal.ONE));
    SafePoint.await(store());

    store().projections().daemon().runUntilIdle();

    List<DeadLetter> letters = store().projections().deadLetters("customer-spend");
    assertThat(letters).singleElement().satisfies(letter -> {
      assertThat(letter.position()).isEqualTo(1);
      assertThat(letter.error()).contains("Purchased at position 1 (stream order-1) has no Purchased.customerId");
    });
    assertThat(load(CustomerSpend.class, "bob").purchases()).isEqualTo(1);
  }

  private <T> T load(Class<T> type, Object id) {
    try (var session = store().querySession()) {
      return session.load(type, id).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + id));
    }
  }
}
