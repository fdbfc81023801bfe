/** One JavaPoet writer per kind of generated file; each takes a validated model and nothing else. */
package io.rillflow.processor.write;
