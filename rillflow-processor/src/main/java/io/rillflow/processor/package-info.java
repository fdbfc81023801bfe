/**
 * The Rillflow annotation processor. {@link io.rillflow.processor.RillflowProcessor} runs one step
 * per annotation; each step reads elements into the immutable {@code model}
 * ({@code read}, reporting every problem on its element), and only a clean model is written
 * ({@code write}). Runtime types are referred to by name only: the processor does not depend on the
 * runtime.
 */
package io.rillflow.processor;
