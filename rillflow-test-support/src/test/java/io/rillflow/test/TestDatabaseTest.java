package io.rillflow.test;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The line the test support logs once it has picked a database. */
class TestDatabaseTest {
  @Test
  void announcementNamesThePickedDatabaseAndHowToChooseAnother() {
    assertThat(TestDatabase.shared().announcement())
        .startsWith("Rillflow tests run on " + TestDatabase.shared().description())
        .contains(TestDatabase.URL_VARIABLE);
  }
}
