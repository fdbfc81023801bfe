package io.rillflow.tests.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentSession;
import io.rillflow.RillflowException;
import io.rillflow.test.RillflowTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Whatever the store writes it reads back; what it cannot read back it refuses to write, naming why. */
class ValueLimitsTest extends RillflowTestBase {

  @Test
  void aDecimalOfAThousandDigitsReadsBack() {
    Gauge gauge = Gauge.of(UUID.randomUUID()).withAmount(new BigDecimal("1E+1000"));
    save(gauge);
    assertThat(load(gauge.id()).amount()).isEqualByComparingTo(new BigDecimal("1E+1000"));
  }

  @Test
  void aTwentyFiveMegabyteStringReadsBack() {
    String text = "x".repeat(25 * 1024 * 1024);
    Gauge gauge = Gauge.of(UUID.randomUUID()).withText(text);
    save(gauge);
    assertThat(load(gauge.id()).text()).hasSize(text.length());
  }

  @Test
  void nestingBeyondTheReadLimitIsRefusedOnWriteNamingTheDocumentAndTheLimit() {
    // The document is level 1, tree level 2: nested(999) reaches level 1000, Jackson's read limit.
    Gauge deepest = Gauge.of(UUID.randomUUID()).withTree(nested(999));
    save(deepest);
    assertThat(load(deepest.id()).tree()).isNotEmpty();

    Gauge tooDeep = Gauge.of(UUID.randomUUID()).withTree(nested(1000));
    assertThatThrownBy(() -> save(tooDeep))
        .isInstanceOf(RillflowException.class)
        .hasMessageContaining("Gauge " + tooDeep.id())
        .hasMessageContaining("nested at most 1000 levels deep");
    assertThat(store().querySession().load(Gauge.class, tooDeep.id())).isEmpty();
  }

  @Test
  void anIncrementPastTheRangeOfItsJavaTypeFailsNamingThePathAndWritesNothing() {
    Gauge gauge = Gauge.of(UUID.randomUUID()).withCount(Long.MAX_VALUE - 1);
    save(gauge);
    assertThatThrownBy(() -> {
      try (DocumentSession session = store().lightweightSession()) {
        session.patch(Gauge.class, gauge.id()).increment("small", 1).increment("count", 2);
        session.saveChanges();
      }
    }).isInstanceOf(RillflowException.class)
        .hasMessageContaining("incrementing {count} by 2 gives 9223372036854775808, outside [-9223372036854775808, 9223372036854775807]");
    assertThat(load(gauge.id())).isEqualTo(gauge);
  }

  @Test
  void sixteenIncrementsOfOnePatchApplyInOrderInOneStatement() {
    Gauge gauge = Gauge.of(UUID.randomUUID());
    save(gauge);
    try (DocumentSession session = store().lightweightSession()) {
      var patch = session.patch(Gauge.class, gauge.id());
      for (int i = 1; i <= 16; i++) {
        patch.increment("small", i).increment("level", 0.5);
      }
      patch.set("count", 10).increment("count", 5);
      session.saveChanges();
    }
    Gauge patched = load(gauge.id());
    assertThat(patched.small()).isEqualTo(136);
    assertThat(patched.level()).isEqualTo(8.0);
    assertThat(patched.count()).isEqualTo(15);
  }

  @Test
  void anInstantOutsidePostgresRangeInAJsonOnlyFieldBreaksNoQueryForOtherRows() {
    Gauge min = Gauge.of(UUID.randomUUID()).withAt(Instant.MIN);
    Gauge now = Gauge.of(UUID.randomUUID()).withAt(Instant.parse("2024-05-01T10:00:00Z"));
    Gauge max = Gauge.of(UUID.randomUUID()).withAt(Instant.MAX);
    save(min);
    save(now);
    save(max);

    assertThat(store().querySession().query(Gauge.class).where(Gauge_.at.gt(Instant.parse("2000-01-01T00:00:00Z")))
        .orderBy(Gauge_.at.asc()).list()).extracting(Gauge::id).containsExactly(now.id(), max.id());
    assertThat(store().querySession().query(Gauge.class).orderBy(Gauge_.at.asc()).list())
        .extracting(Gauge::id).containsExactly(min.id(), now.id(), max.id());
    assertThat(load(min.id()).at()).isEqualTo(Instant.MIN);
  }

  @Test
  void aDuplicatedInstantTakesEveryYearTimestamptzHoldsAndRefusesTheRestNamingTheValue() throws Exception {
    Gauge late = Gauge.of(UUID.randomUUID()).withStamp(Instant.parse("+20000-01-01T00:00:00Z"));
    Gauge early = Gauge.of(UUID.randomUUID()).withStamp(Instant.parse("-0100-03-01T00:00:00Z"));
    save(late);
    save(early);
    assertThat(stamp(late.id())).isEqualTo("20000-01-01 00:00:00+00");
    assertThat(stamp(early.id())).isEqualTo("0101-03-01 00:00:00+00 BC");

    Gauge min = Gauge.of(UUID.randomUUID()).withStamp(Instant.MIN);
    assertThatThrownBy(() -> save(min)).isInstanceOf(RillflowException.class)
        .hasMessageContaining("-1000000000-01-01T00:00:00Z is outside what a timestamptz column holds");
    assertThat(store().querySession().load(Gauge.class, min.id())).isEmpty();
  }

  private String stamp(UUID id) throws Exception {
    try (Connection connection = store().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      try (ResultSet row = statement.executeQuery("SELECT stamp::text FROM \"" + store().schemaName()
          + "\".doc_gauge WHERE id = '" + id + "'")) {
        row.next();
        return row.getString(1);
      }
    }
  }

  private static Map<String, Object> nested(int depth) {
    Map<String, Object> tree = Map.of("leaf", 1);
    for (int i = 1; i < depth; i++) {
      tree = Map.of("a", tree);
    }
    return tree;
  }

  private void save(Gauge gauge) {
    try (DocumentSession session = store().lightweightSession()) {
      session.store(gauge);
      session.saveChanges();
    }
  }

  private Gauge load(UUID id) {
    return store().querySession().load(Gauge.class, id).orElseThrow();
  }
}
