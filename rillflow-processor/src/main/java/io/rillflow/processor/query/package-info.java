/**
 * Repository query methods: derived names and {@code @Query} strings parsed into one predicate
 * model, checked against the document's paths and the method's parameters and return type, and
 * planned into SQL that the generated code holds as constants.
 */
package io.rillflow.processor.query;
