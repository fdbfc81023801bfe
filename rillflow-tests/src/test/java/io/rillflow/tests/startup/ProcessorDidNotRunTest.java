package io.rillflow.tests.startup;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rillflow.DocumentStore;
import io.rillflow.RillflowException;
import io.rillflow.processor.RillflowProcessor;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The JDK 23+ trap: the processor is a {@code provided} dependency, javac ignores it, and nothing is
 * generated. The store sees the processor on its class path but no generated module, and refuses to
 * start, naming the fix; it says so before it connects anywhere.
 */
class ProcessorDidNotRunTest {

  @Test
  void aStoreWithTheProcessorButNoGeneratedModuleFailsAtBuild() throws Exception {
    URL processorJar = RillflowProcessor.class.getProtectionDomain().getCodeSource().getLocation();
    // Sees the processor and nothing the test compilation generated (no META-INF/services entry).
    try (URLClassLoader withoutModules = new URLClassLoader(new URL[] {processorJar}, null)) {
      assertThatThrownBy(() -> DocumentStore.builder()
              .url("jdbc:postgresql://127.0.0.1:1/never-reached")
              .classLoader(withoutModules)
              .build())
          .isInstanceOf(RillflowException.class)
          .hasMessageContaining("javac did not run the processor")
          .hasMessageContaining("annotationProcessorPaths");
    }
  }
}
