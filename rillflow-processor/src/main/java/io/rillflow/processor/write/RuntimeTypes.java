package io.rillflow.processor.write;

import com.palantir.javapoet.ClassName;

/** The runtime types generated code refers to, by name: the processor does not depend on the runtime. */
final class RuntimeTypes {
  static final ClassName DOCUMENT_MAPPING = ClassName.get("io.rillflow.spi", "DocumentMapping");
  static final ClassName RILLFLOW_MODULE = ClassName.get("io.rillflow.spi", "RillflowModule");
  static final ClassName MODULE_REGISTRY = ClassName.get("io.rillflow.spi", "ModuleRegistry");
  static final ClassName EVENT_MAPPING = ClassName.get("io.rillflow.spi", "EventMapping");
  static final ClassName EVENT_TAGS = ClassName.get("io.rillflow.spi", "EventTags");
  static final ClassName AGGREGATE_MAPPING = ClassName.get("io.rillflow.spi", "AggregateMapping");
  static final ClassName PROJECTION_MAPPING = ClassName.get("io.rillflow.spi", "ProjectionMapping");
  static final ClassName EVENT_ENVELOPE = ClassName.get("io.rillflow.events", "EventEnvelope");
  static final ClassName LIFECYCLE = ClassName.get("io.rillflow.annotations", "Lifecycle");

  static final ClassName DUPLICATED_FIELD = ClassName.get("io.rillflow.spi", "DuplicatedField");
  static final ClassName COLUMN_TYPE = ClassName.get("io.rillflow.spi", "ColumnType");

  static final ClassName DOCUMENT_STORE = ClassName.get("io.rillflow", "DocumentStore");
  static final ClassName DOCUMENT_SESSION = ClassName.get("io.rillflow", "DocumentSession");
  static final ClassName ABSTRACT_DOCUMENT_REPOSITORY = ClassName.get("io.rillflow.spi", "AbstractDocumentRepository");

  private RuntimeTypes() {}
}
