package io.rillflow.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.rillflow.DocumentExistsException;
import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.samples.customers.Address;
import io.rillflow.samples.customers.Customer;
import io.rillflow.samples.customers.CustomerDirectory;
import io.rillflow.samples.customers.CustomerRepository;
import io.rillflow.samples.customers.CustomerRepositoryImpl;
import io.rillflow.test.RillflowTestBase;
import org.junit.jupiter.api.Test;

/** Guice builds the generated repository through its jakarta.inject annotations. */
class GuiceInjectionTest extends RillflowTestBase {

  private Injector injector() {
    return Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(DocumentStore.class).toInstance(store());
        bind(CustomerRepository.class).to(CustomerRepositoryImpl.class);
      }
    });
  }

  @Test
  void theGeneratedRepositoryIsAnInjectableSingleton() {
    Injector injector = injector();
    CustomerRepository repository = injector.getInstance(CustomerRepository.class);
    assertThat(repository).isInstanceOf(CustomerRepositoryImpl.class);
    assertThat(injector.getInstance(CustomerRepository.class)).isSameAs(repository);

    CustomerDirectory directory = injector.getInstance(CustomerDirectory.class);
    Customer grace = directory.register("grace@example.com", "Grace", new Address("1 Navy Rd", "Arlington", "US"));
    Customer loaded = repository.findById(grace.id()).orElseThrow();
    assertThat(loaded.email()).isEqualTo("grace@example.com");
    // A record cannot change: the repository's save returns its copy at the stored version.
    assertThat(grace.version()).isEqualTo(1);
    assertThat(loaded).isEqualTo(grace);
  }

  @Test
  void theUniqueEmailColumnRefusesASecondRegistration() {
    CustomerDirectory directory = injector().getInstance(CustomerDirectory.class);
    directory.register("same@example.com", "One", new Address("a", "b", "c"));
    assertThatThrownBy(() -> directory.register("same@example.com", "Two", new Address("a", "b", "c")))
        .isInstanceOf(RillflowException.class)
        .isNotInstanceOf(DocumentExistsException.class)
        .hasMessageContaining("doc_customer_email_uidx");
    assertThat(injector().getInstance(CustomerRepository.class).count()).isEqualTo(1);
  }
}
