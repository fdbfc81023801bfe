package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.ExpectedVersion;
import io.rillflow.projections.ProjectionLifecycle;
import io.rillflow.samples.customers.Address;
import io.rillflow.samples.customers.Customer;
import io.rillflow.samples.orders.OrderPlaced;
import io.rillflow.samples.orders.OrderSummaries;
import io.rillflow.samples.orders.OrderSummary;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Rillflow session inside a Spring {@code @Transactional} method: it joins the transaction
 * Spring's {@link DataSourceTransactionManager} holds (through {@link DataSourceUtils}), so the
 * service's own rows, documents, events and the inline read model commit together, or roll back
 * together when the method throws.
 */
class SpringTransactionTest extends RillflowTestBase {

  /** An application service as a Spring user writes it. */
  public static class Checkout {
    private final DocumentStore store;
    private final JdbcTemplate jdbc;

    public Checkout(DocumentStore store, JdbcTemplate jdbc) {
      this.store = store;
      this.jdbc = jdbc;
    }

    @Transactional
    public void placeOrder(Customer customer, UUID orderId, BigDecimal total, boolean failAfterwards) {
      jdbc.update("INSERT INTO " + store.schemaName() + ".invoices (order_id, total) VALUES (?, ?)", orderId, total);
      try (DocumentSession session = store.openSession(DataSourceUtils.getConnection(jdbc.getDataSource()))) {
        session.store(customer);
        session.events().append(orderId, ExpectedVersion.noStream(), new OrderPlaced(orderId, customer.id(), total));
        session.saveChanges();
      }
      if (failAfterwards) {
        throw new IllegalStateException("payment declined");
      }
    }
  }

  @Configuration
  @EnableTransactionManagement
  static class Wiring {
    static DocumentStore store;

    @Bean(destroyMethod = "") // the store owns its pool; Spring must not close it
    DataSource dataSource() {
      return store.dataSource();
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    JdbcTemplate jdbc(DataSource dataSource) {
      return new JdbcTemplate(dataSource);
    }

    @Bean
    Checkout checkout(JdbcTemplate jdbc) {
      return new Checkout(store, jdbc);
    }
  }

  private AnnotationConfigApplicationContext spring;
  private JdbcTemplate jdbc;

  @Override
  protected void configure(DocumentStoreBuilder builder) {
    builder.projection("order-summaries", ProjectionLifecycle.INLINE, new OrderSummaries());
  }

  @BeforeEach
  void startSpring() {
    Wiring.store = store();
    spring = new AnnotationConfigApplicationContext(Wiring.class);
    jdbc = spring.getBean(JdbcTemplate.class);
    jdbc.execute("CREATE TABLE IF NOT EXISTS " + store().schemaName() + ".invoices (order_id uuid, total numeric)");
    jdbc.execute("TRUNCATE " + store().schemaName() + ".invoices");
  }

  @AfterEach
  void stopSpring() {
    spring.close();
  }

  private long invoices() {
    return jdbc.queryForObject("SELECT count(*) FROM " + store().schemaName() + ".invoices", Long.class);
  }

  @Test
  void aTransactionalMethodCommitsItsRowsDocumentsEventsAndReadModelTogether() {
    Customer customer = Customer.create("ada@example.com", "Ada", new Address("1 Main St", "Paris", "FR"));
    UUID orderId = UUID.randomUUID();

    spring.getBean(Checkout.class).placeOrder(customer, orderId, new BigDecimal("12.50"), false);

    assertThat(invoices()).isEqualTo(1);
    assertThat(store().querySession().load(Customer.class, customer.id())).isPresent();
    assertThat(store().events().readStream(orderId)).hasSize(1);
    assertThat(store().querySession().load(OrderSummary.class, orderId))
        .hasValueSatisfying(summary -> assertThat(summary.total()).isEqualByComparingTo("12.50"));
  }

  @Test
  void anExceptionRollsBackTheRowsDocumentsEventsAndReadModelTogether() {
    Customer customer = Customer.create("bob@example.com", "Bob", new Address("2 Main St", "Lyon", "FR"));
    UUID orderId = UUID.randomUUID();

    assertThatThrownBy(() -> spring.getBean(Checkout.class).placeOrder(customer, orderId, BigDecimal.ONE, true))
        .hasMessage("payment declined");

    assertThat(invoices()).isZero();
    assertThat(store().querySession().load(Customer.class, customer.id())).isEmpty();
    assertThat(store().events().readStream(orderId)).isEmpty();
    assertThat(store().querySession().load(OrderSummary.class, orderId)).isEmpty();
  }
}
