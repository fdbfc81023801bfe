package io.rillflow.events;

import io.rillflow.RillflowException;
import java.util.List;

/**
 * A conditional append found events matching its {@link AppendCondition} committed after the
 * condition's checkpoint; nothing of the append (or of its unit of work) was written. Query again,
 * decide again, retry.
 */
public class AppendConditionException extends RillflowException {
  private static final long serialVersionUID = 1L;

  private final transient AppendCondition condition;
  private final List<Long> positions;

  /**
   * @param condition the condition that failed
   * @param positions the global positions of (the first of) the matching events found after its checkpoint
   */
  public AppendConditionException(AppendCondition condition, List<Long> positions) {
    super("Append condition failed: events at positions " + positions + " match " + condition.query()
        + " and arrived after " + condition.after() + "; nothing was written");
    this.condition = condition;
    this.positions = List.copyOf(positions);
  }

  /** The condition that failed. */
  public AppendCondition condition() {
    return condition;
  }

  /** The global positions of the conflicting events, in order (at most the first 100). */
  public List<Long> positions() {
    return positions;
  }
}
