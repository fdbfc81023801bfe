/**
 * The Rillflow annotation processor. {@link io.rillflow.processor.RillflowProcessor} runs one
 * {@link io.rillflow.processor.Step} per annotation each round: it reads elements into the immutable
 * {@code model} ({@code read}; an element needing a type not generated yet waits for a later round),
 * checks them with the rules of {@code validate} (each reported on its element), and only a clean
 * compilation is written ({@code write}). Query SQL is planned with the rule book the runtime uses
 * ({@code io.rillflow.sql}, module rillflow-sql). Runtime types are referred to by name only: the
 * processor does not depend on the runtime.
 */
package io.rillflow.processor;
