package io.rillflow.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlIdentifiersTest {

  @Test
  void sixtyThreeBytesAreTheLimitBecausePostgresTruncatesSilently() {
    assertThat(SqlIdentifiers.problemWith("a".repeat(63))).isNull();
    assertThat(SqlIdentifiers.problemWith("a".repeat(64))).isEqualTo("is longer than 63 bytes");
  }

  @Test
  void onlyLowerCaseAsciiLettersDigitsAndUnderscores() {
    assertThat(SqlIdentifiers.problemWith("doc_café")).startsWith("must be lower case letters");
    assertThat(SqlIdentifiers.problemWith("Doc")).startsWith("must be lower case letters");
    assertThat(SqlIdentifiers.problemWith("pg_doc")).startsWith("starts with pg_");
    assertThatThrownBy(() -> SqlIdentifiers.quote("a\"b")).hasMessageContaining("Identifier \"a\"b\"");
    assertThat(SqlIdentifiers.quote("doc_book")).isEqualTo("\"doc_book\"");
  }

  @Test
  void aPathSegmentMustBeAPropertyName() {
    assertThatThrownBy(() -> SqlPath.json(java.util.List.of("a}'; drop"), "text"))
        .hasMessageContaining("not a property name");
  }
}
