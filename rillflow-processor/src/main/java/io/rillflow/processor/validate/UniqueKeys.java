package io.rillflow.processor.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A clash check between elements of one compilation: no two models may share a key (a document's
 * table, an event's name and version, a read model's projection name). Keys are remembered across
 * rounds, because a later round's element may clash with an earlier one's.
 *
 * @param <M> the model checked
 */
public final class UniqueKeys<M> {
  private final Function<M, String> key;
  private final BiConsumer<M, M> report;
  private final Map<String, M> seen = new HashMap<>();

  /**
   * @param key what must be unique
   * @param report reports a clash on the later model: {@code (earlier, later)}
   */
  public UniqueKeys(Function<M, String> key, BiConsumer<M, M> report) {
    this.key = key;
    this.report = report;
  }

  public void validate(List<M> models) {
    for (M model : models) {
      M earlier = seen.putIfAbsent(key.apply(model), model);
      if (earlier != null) {
        report.accept(earlier, model);
      }
    }
  }
}
