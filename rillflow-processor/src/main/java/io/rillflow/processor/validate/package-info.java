/**
 * Validation that is not reading: rules checked on elements or across the models of a compilation,
 * each in one place. {@link io.rillflow.processor.validate.TypeShapeValidator} checks the shape of
 * every annotated type (documents, read models, events, aggregates);
 * {@link io.rillflow.processor.validate.UniqueKeys} the clashes between elements (two documents on
 * one table, two events of one name and version, two read models of one name);
 * {@link io.rillflow.processor.validate.UpcastChainValidator} the upcast chains once every event is
 * known; {@link io.rillflow.processor.validate.IdRule} finds a document's id for its reader and for
 * every repository that names it.
 */
package io.rillflow.processor.validate;
