package io.rillflow.internal.query;

import io.rillflow.query.Condition;

/**
 * What every condition implementation offers the renderer: a shape key, computed once when the
 * condition is made, that says everything about its SQL but nothing about its values, so SQL can
 * be cached per shape.
 */
public interface ConditionNode<D> extends Condition<D> {

  /** The shape: operators, paths and value counts, without the values. */
  String shape();
}
