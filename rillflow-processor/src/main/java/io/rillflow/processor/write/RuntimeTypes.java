package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to, by name: the processor does not depend on the runtime. */
final class RuntimeTypes {
  static final ClassName DOCUMENT_MAPPING = ClassName.get("io.rillflow.spi", "DocumentMapping");
  static final ClassName RILLFLOW_MODULE = ClassName.get("io.rillflow.spi", "RillflowModule");
  static final ClassName MODULE_REGISTRY = ClassName.get("io.rillflow.spi", "ModuleRegistry");

  private RuntimeTypes() {}
}
