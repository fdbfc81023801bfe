/**
 * Reads annotated elements into the {@code model}, reporting every problem on the element at fault
 * and carrying on, so that one compilation shows them all.
 */
package io.rillflow.processor.read;
