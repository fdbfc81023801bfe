package io.rillflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The peer: Axon Framework's {@link JdbcEventStorageEngine} with its {@link JacksonSerializer} on
 * the store's own pool, its tables ({@code domainevententry}, {@code snapshotevententry}) created by
 * {@link PostgresEventTableFactory} in the benchmark's schema, and every engine call one JDBC
 * transaction ({@link JdbcTransactions}). The serializer's mapper is configured as Rillflow's (fields,
 * ISO-8601 dates), so both write the same JSON for an event; Axon stores it as {@code bytea}, its
 * default. Axon's other defaults are kept: a read fetches batches of 100 events until one comes back
 * empty, so a 100-event aggregate takes two queries.
 */
public final class AxonEvents {
  /** The aggregate type written with every event. */
  private static final String AGGREGATE_TYPE = "Cart";

  private final JdbcEventStorageEngine engine;

  /**
   * Creates Axon's tables in {@code schema} (which must exist) and the engine on them.
   *
   * @param dataSource the store's pool
   * @param schema the benchmark's schema, a plain lower-case name
   */
  public AxonEvents(DataSource dataSource, String schema) {
    JdbcTransactions transactions = new JdbcTransactions(dataSource);
    Serializer serializer = JacksonSerializer.builder().objectMapper(RawDocuments.mapper()).build();
    engine = JdbcEventStorageEngine.builder()
        .connectionProvider(transactions)
        .transactionManager(transactions)
        .eventSerializer(serializer)
        .snapshotSerializer(serializer)
        .schema(EventSchema.builder()
            .eventTable(schema + ".domainevententry")
            .snapshotTable(schema + ".snapshotevententry")
            .build())
        .build();
    engine.createSchema(PostgresEventTableFactory.INSTANCE);
  }

  /** The engine, for what the helpers below do not cover. */
  public JdbcEventStorageEngine engine() {
    return engine;
  }

  /**
   * Wraps {@code events} as the domain event messages of one aggregate, from {@code firstSequence}
   * on (Axon numbers an aggregate's events from 0), as an aggregate's apply() would.
   */
  public static List<DomainEventMessage<BenchItemAdded>> messages(String aggregateId, long firstSequence,
      List<BenchItemAdded> events) {
    List<DomainEventMessage<BenchItemAdded>> messages = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, firstSequence + i, events.get(i)));
    }
    return messages;
  }

  /** Appends the messages in one transaction: one JDBC batch of inserts. */
  public void append(List<? extends DomainEventMessage<?>> messages) {
    engine.appendEvents(messages);
  }

  /** Every event of the aggregate, each payload deserialized (Axon defers that until asked). */
  public List<BenchItemAdded> read(String aggregateId) {
    DomainEventStream stream = engine.readEvents(aggregateId);
    List<BenchItemAdded> read = new ArrayList<>();
    while (stream.hasNext()) {
      read.add((BenchItemAdded) stream.next().getPayload());
    }
    return read;
  }
}
