package io.rillflow.internal;

import io.rillflow.RillflowException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a store says when discovery finds no generated module. The runtime cannot see the
 * application's {@code @Document} classes (the annotations are not kept at run time, and the store
 * does not scan), but it can cheaply see whether Rillflow's processor itself is on the class path:
 * it is when the build lists it as a {@code provided} dependency, the setup javac ignores from JDK 23
 * on unless given {@code -proc:full}. Processor present and no module generated means javac did not
 * run it: that fails the build, naming the fix. Without the processor on the class path (it was
 * listed in {@code annotationProcessorPaths}, or the application has no annotated class) an empty
 * store is possible, so it only warns; asking it for a document, repository or aggregate then fails
 * with a message that names the missing generated class.
 */
final class ProcessorCheck {
  static final String PROCESSOR_CLASS = "io/rillflow/processor/RillflowProcessor.class";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorCheck.class);

  private ProcessorCheck() {}

  static void noModuleFound(ClassLoader loader) {
    if (loader.getResource(PROCESSOR_CLASS) != null) {
      throw new RillflowException("The Rillflow annotation processor is on the class path, but no generated "
          + "RillflowModule is (no META-INF/services/io.rillflow.spi.RillflowModule): javac did not run the "
          + "processor. From JDK 23 on javac runs processors found on the class path only with -proc:full; list "
          + "io.rillflow:rillflow-processor in maven-compiler-plugin's annotationProcessorPaths (or pass -proc:full) "
          + "and rebuild");
    }
    LOG.warn("No generated RillflowModule found on the class path: the store knows no document, event or aggregate. "
        + "If your classes carry Rillflow annotations, the annotation processor did not run on them "
        + "(list io.rillflow:rillflow-processor in annotationProcessorPaths)");
  }
}
