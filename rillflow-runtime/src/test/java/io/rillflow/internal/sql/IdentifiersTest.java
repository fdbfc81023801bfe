package io.rillflow.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void validNamesAreQuoted() {
    assertThat(Identifiers.quote("doc_customer")).isEqualTo("\"doc_customer\"");
    assertThat(Identifiers.quote("_t1")).isEqualTo("\"_t1\"");
  }

  @Test
  void namesThatCouldCarrySqlAreRefused() {
    assertThatThrownBy(() -> Identifiers.quote("x\"; drop table y; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be lower case letters, digits and underscores");
    assertThat(Identifiers.problemWith("Customer")).isNotNull();
    assertThat(Identifiers.problemWith("1abc")).isNotNull();
    assertThat(Identifiers.problemWith("")).isEqualTo("is empty");
    assertThat(Identifiers.problemWith("pg_catalog")).contains("reserves");
    assertThat(Identifiers.problemWith("a".repeat(64))).contains("longer than 63");
    assertThat(Identifiers.problemWith("a".repeat(63))).isNull();
  }
}
