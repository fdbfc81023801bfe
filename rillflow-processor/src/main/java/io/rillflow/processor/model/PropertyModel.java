package io.rillflow.processor.model;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/**
 * One stored member of a document: a record component or an instance field. Its JSON property name
 * is its Java name, because the store's mapper reads and writes fields.
 *
 * @param name the member name, which is also the JSON property name
 * @param type the declared type
 * @param element the field or record component, for diagnostics
 * @param accessor how generated code reads it
 * @param mutator how generated code writes it, if it can (never for a record component)
 */
public record PropertyModel(
    String name, TypeMirror type, Element element, Accessor accessor, Optional<Accessor> mutator) {}
