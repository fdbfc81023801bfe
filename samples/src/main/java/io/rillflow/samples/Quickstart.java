package io.rillflow.samples;

import io.rillflow.events.AppendOptions;
import io.rillflow.events.AppendResult;
import io.rillflow.BulkMode;
import io.rillflow.ConcurrencyException;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventEnvelope;
import io.rillflow.events.EventStore;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.Trace;
import io.rillflow.samples.customers.Address;
import io.rillflow.samples.customers.Customer;
import io.rillflow.samples.customers.CustomerDirectory;
import io.rillflow.samples.customers.CustomerRepository;
import io.rillflow.samples.customers.Customer_;
import io.rillflow.samples.customers.Tier;
import io.rillflow.samples.orders.CustomerOrders;
import io.rillflow.samples.orders.Order;
import io.rillflow.samples.orders.OrderPlaced;
import io.rillflow.samples.orders.OrderShipped;
import io.rillflow.samples.orders.OrderSummaries;
import io.rillflow.samples.orders.OrderSummary;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The README's quickstart: starts a store on {@code RILLFLOW_DATABASE_URL} (or an embedded
 * PostgreSQL) and shows what Rillflow does so far. Run it with
 * {@code mvn -q -B install -DskipTests && mvn -q -B -pl samples exec:java}.
 */
public final class Quickstart {
  private Quickstart() {}

  public static void main(String[] args) throws Exception {
    try (SampleDatabase database = SampleDatabase.open();
        DocumentStore store = configure(DocumentStore.builder()
            .url(database.url())
            .schema("quickstart"))
            .build()) {
      System.out.println("Rillflow quickstart on " + database.description());
      run(store, System.out);
    }
  }

  /** What the tour needs beyond a database: its projection. */
  public static DocumentStoreBuilder configure(DocumentStoreBuilder builder) {
    return builder.projection("order-summaries", ProjectionLifecycle.INLINE, new OrderSummaries());
  }

  /** The tour, on a store {@link #configure configured} for it; the samples' tests run it too. */
  public static void run(DocumentStore store, PrintStream out) {
    out.println("Store started in schema \"" + store.schemaName() + "\" with documents "
        + store.documentTypes().stream().map(Class::getSimpleName).sorted().toList()
        + "; missing DDL: " + store.schema().plan().statements().size() + " statements");

    CustomerRepository customers = store.repository(CustomerRepository.class);
    CustomerDirectory directory = new CustomerDirectory(store, customers);
    Customer ada = directory.register("ada." + System.nanoTime() + "@example.com", "Ada",
        new Address("12 Analytical St", "London", "UK"));
    out.println("Registered " + ada.name() + " (" + ada.id() + ")");

    directory.promote(ada.id(), Tier.GOLD, new BigDecimal("25.50"));
    Customer promoted = store.querySession().load(Customer.class, ada.id()).orElseThrow();
    out.println("Promoted: tier " + promoted.tier() + ", credit " + promoted.credit() + ", version " + promoted.version());

    try (DocumentSession first = store.openSession(); DocumentSession second = store.openSession()) {
      Customer mine = first.load(Customer.class, ada.id()).orElseThrow();
      Customer theirs = second.load(Customer.class, ada.id()).orElseThrow();
      first.store(mine.withTier(Tier.VIP));
      first.saveChanges();
      second.store(theirs.withTier(Tier.BASIC));
      second.saveChanges();
    } catch (ConcurrencyException e) {
      out.println("Lost update prevented: " + e.getMessage());
    }

    out.println("VIP contacts with credit over 10: " + customers.contactsInTier(Tier.VIP, BigDecimal.TEN)
        + "; customers in LONDON, ignoring case: " + customers.countByAddressCityIgnoreCase("LONDON"));
    List<Customer> londoners = store.querySession().query(Customer.class)
        .where(Customer_.address.city.eq("London").and(Customer_.tier.in(Tier.GOLD, Tier.VIP)))
        .orderBy(Customer_.email.asc())
        .list();
    out.println("Dynamic query: " + londoners.size() + " gold or VIP londoner(s)");

    EventStore events = store.events();
    UUID orderId = UUID.randomUUID();
    Trace trace = store.trace();
    trace.enable();
    String traceId = "trace-" + orderId;
    trace.record(traceId, "POST /orders", "HTTP", "customer " + ada.name());
    trace.record(traceId, "PlaceOrder", "OrderService", "order " + orderId);
    AppendOptions traced = AppendOptions.builder().correlationId(traceId).build();
    AppendResult placed = events.append(orderId, ExpectedVersion.noStream(), traced,
        new OrderPlaced(orderId, ada.id(), new BigDecimal("99.90")));
    events.append(orderId, ExpectedVersion.exactly(placed.version()), traced, new OrderShipped(orderId, "DHL"));
    OrderSummary summary = store.querySession().load(OrderSummary.class, orderId).orElseThrow();
    out.println("Order summary (inline projection): total " + summary.total() + ", shipped by " + summary.carrier());
    out.println("Trace of the order, as a Mermaid diagram:\n" + trace.mermaid(traceId));
    trace.disable();
    out.println("Order stream: " + events.readStream(orderId).stream()
        .map(e -> "v" + e.version() + " " + e.type()).toList());
    try {
      events.append(orderId, ExpectedVersion.exactly(placed.version()), new OrderShipped(orderId, "UPS"));
    } catch (ConcurrencyException e) {
      out.println("Stale append refused: " + e.getMessage());
    }
    EventEnvelope<?> last = events.readStream(orderId).get(1);
    out.println("Shipped by " + ((OrderShipped) last.data()).carrier() + " at global position " + last.position());
    Order order = store.aggregates(Order.class).load(orderId).orElseThrow();
    out.println("The order as an aggregate: total " + order.total() + ", shipped by " + order.carrier()
        + "; shipping again decides " + order.ship("UPS"));
    CustomerOrders ordered = catchUp(store, ada.id());
    out.println("Ada's orders (async read model, by the daemon): " + ordered.orders() + ", total " + ordered.total());

    List<Customer> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(Customer.create("bulk" + i + "." + System.nanoTime() + "@example.com", "Customer " + i,
          new Address(i + " Main St", i % 2 == 0 ? "Springfield" : "Shelbyville", "US")));
    }
    long start = System.nanoTime();
    long written = store.bulkInsert(many, BulkMode.INSERT_ONLY);
    out.println("Bulk-inserted " + written + " customers with COPY in " + (System.nanoTime() - start) / 1_000_000 + " ms; "
        + customers.count() + " customers stored");
  }

  /**
   * Lets the daemon catch up until the customer's read model is there. The daemon applies an event
   * only once no older transaction on the server can still commit below it, so on a busy server the
   * first pass may stop short of the events just appended.
   */
  private static CustomerOrders catchUp(DocumentStore store, UUID customerId) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      store.projections().daemon().runUntilIdle();
      Optional<CustomerOrders> orders = store.querySession().load(CustomerOrders.class, customerId);
      if (orders.isPresent() || System.nanoTime() > deadline) {
        return orders.orElseThrow(() -> new IllegalStateException("The daemon did not reach the new order in 30 s"));
      }
      Thread.onSpinWait();
    }
  }
}
