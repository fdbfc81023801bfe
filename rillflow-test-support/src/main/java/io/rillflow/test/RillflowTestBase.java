package io.rillflow.test;

import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import org.junit.jupiter.api.BeforeEach;

/**
 * A base class for tests of applications that use Rillflow: {@link #store()} is a store on a real
 * PostgreSQL (see {@link TestDatabase}), in a schema of this class's own, with every table emptied
 * before each test.
 *
 * <pre>{@code
 * class CustomerRepositoryTest extends RillflowTestBase {
 *   @Test
 *   void findsByEmail() {
 *     CustomerRepository customers = store().repository(CustomerRepository.class);
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Override {@link #configure(DocumentStoreBuilder)} to add modules or options; it runs once per
 * test class, before the store is built.
 */
@RillflowTest
public abstract class RillflowTestBase {
  private DocumentStore store;

  /** Receives the class's store from {@link RillflowExtension} before each test. */
  @BeforeEach
  protected final void receiveRillflowStore(DocumentStore store) {
    this.store = store;
  }

  /** This test class's store. */
  protected final DocumentStore store() {
    if (store == null) {
      throw new IllegalStateException("store() is available from @BeforeEach methods on, not in constructors or field initializers");
    }
    return store;
  }

  /**
   * Adds to the store's description before it is built: modules, an object mapper, options. The
   * database URL and schema are already set; do not change them.
   */
  protected void configure(DocumentStoreBuilder builder) {}
}
