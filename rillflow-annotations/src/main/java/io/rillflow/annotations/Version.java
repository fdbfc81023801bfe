package io.rillflow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code int} or {@code long} member of a {@link Document} as its version, for optimistic
 * concurrency: an update only succeeds at the version the document was loaded with, else it fails
 * with {@code ConcurrencyException}. The member is filled in on load and after save when the type
 * can hold it (a mutable field; a record keeps the version it was built with).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface Version {}
