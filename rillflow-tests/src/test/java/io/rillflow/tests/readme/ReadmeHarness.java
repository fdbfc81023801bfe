package io.rillflow.tests.readme;

import java.util.List;

/**
 * What the README's examples take as given, compiled with them by {@link ReadmeExamplesTest}: the
 * imports, the variables of their statements (fields of {@code ReadmeHarness}, which each block's
 * runner extends) and the types they use without declaring.
 */
final class ReadmeHarness {
  private ReadmeHarness() {}

  static final String IMPORTS = """
      package readme;

      import static org.assertj.core.api.Assertions.assertThat;

      import com.fasterxml.jackson.databind.node.ObjectNode;
      import io.micrometer.core.instrument.MeterRegistry;
      import io.rillflow.*;
      import io.rillflow.aggregates.*;
      import io.rillflow.annotations.*;
      import io.rillflow.events.*;
      import io.rillflow.forwarding.*;
      import io.rillflow.nats.*;
      import io.rillflow.projections.*;
      import io.rillflow.query.*;
      import io.rillflow.rabbitmq.*;
      import io.rillflow.subscriptions.*;
      import io.rillflow.tenancy.*;
      import io.rillflow.test.*;
      import java.math.BigDecimal;
      import java.nio.file.Path;
      import java.sql.Connection;
      import java.time.Duration;
      import java.time.Instant;
      import java.util.*;
      import java.util.stream.Stream;
      import javax.sql.DataSource;
      import org.junit.jupiter.api.Test;

      """;

  static final List<String> SOURCES = List.of("""
      abstract class ReadmeHarness {
        DocumentStore store;
        DocumentSession session;
        DataSource dataSource;
        String url;
        MeterRegistry prometheus;
        UUID id;
        UUID orderId;
        UUID customerId;
        BigDecimal total;
        String requestId;
        String commandId;
        Customer customer;
        List<Customer> manyCustomers;
        Order order;
        AggregateRepository<Order> orders;

        void handle(EventEnvelope<?> event) {}

        void send(Object event) {}

        void insertInvoice(Connection connection, UUID orderId) {}
      }
      """, """
      record Address(String street, String city, String zip) {}
      """, """
      enum Tier { STANDARD, VIP }
      """, """
      record LedgerLine(long position) {}
      """, """
      class OrderSummaries implements Projection {
        @Override
        public void apply(EventEnvelope<?> event, ProjectionContext context) {}
      }
      """, """
      @Event
      record Purchased(String customerId, BigDecimal amount) {}
      """, """
      @Event
      record CustomerForgotten(String customerId) {}
      """, """
      @Event
      record ShipmentScheduled(String city) {}
      """, """
      record Author(String name, String country) {}
      """, """
      enum Format { HARDCOVER, PAPERBACK }
      """, """
      @Document
      record Book(UUID id, String title, @Duplicated(unique = true) String isbn, Author author, List<String> genres,
          Format format, int pages, double rating, boolean inPrint) {}
      """, """
      record TitleAndPages(String title, int pages) {}
      """);
}
