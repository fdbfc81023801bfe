package io.rillflow.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a real PostgreSQL: every {@link io.rillflow.DocumentStore}
 * parameter (of a test, a lifecycle method or the constructor) receives the class's store, which
 * lives in a fresh schema of its own; the schema's tables are emptied before each test and the
 * schema is dropped after the class.
 *
 * <pre>{@code
 * @RillflowTest
 * class CustomerTest {
 *   @Test
 *   void storesACustomer(DocumentStore store) { ... }
 * }
 * }</pre>
 *
 * @see TestDatabase for which server is used
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RillflowExtension.class)
public @interface RillflowTest {}
