package io.rillflow.processor.validate;

import io.rillflow.processor.Diagnostics;
import io.rillflow.processor.Message;
import io.rillflow.processor.model.EventModel;
import io.rillflow.processor.model.UpcastModel;
import io.rillflow.processor.read.NearestName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks that the {@code @Upcast} steps of each event name form one chain: no two steps from one
 * version, none from the current version or above, and no version missing between the oldest
 * version (of a class or a step) and the current one, so every stored version reaches the current
 * class. Runs over the whole compilation, once its events and upcasts are all read.
 */
public final class UpcastChainValidator {
  private final Diagnostics diagnostics;
  private final Elements elements;

  public UpcastChainValidator(Diagnostics diagnostics, Elements elements) {
    this.diagnostics = diagnostics;
    this.elements = elements;
  }

  /** Reports every chain problem on the method or class at fault. */
  public void validate(Collection<EventModel> events, Collection<UpcastModel> upcasts) {
    Map<String, List<EventModel>> classes = new LinkedHashMap<>();
    events.forEach(event -> classes.computeIfAbsent(event.name(), n -> new ArrayList<>()).add(event));
    Map<String, List<UpcastModel>> steps = new LinkedHashMap<>();
    upcasts.forEach(step -> steps.computeIfAbsent(step.eventName(), n -> new ArrayList<>()).add(step));

    for (Map.Entry<String, List<UpcastModel>> entry : steps.entrySet()) {
      if (!classes.containsKey(entry.getKey())) {
        // Typed steps between classes of another compilation are checked by the store when it starts.
        entry.getValue().stream().filter(step -> !step.typed()).forEach(step ->
            diagnostics.error(thisRound(step.element()), Message.UPCAST_UNKNOWN_EVENT, step.describe(), step.eventName(),
                NearestName.among(step.eventName(), classes.keySet()).map(n -> "; did you mean \"" + n + "\"?").orElse("")));
      }
    }
    for (Map.Entry<String, List<EventModel>> entry : classes.entrySet()) {
      checkChain(entry.getKey(), entry.getValue(), steps.getOrDefault(entry.getKey(), List.of()));
    }
  }

  private void checkChain(String name, List<EventModel> versions, List<UpcastModel> steps) {
    EventModel current = versions.stream().max(Comparator.comparingInt(EventModel::version)).orElseThrow();
    int lowestClass = versions.stream().mapToInt(EventModel::version).min().orElseThrow();
    TreeMap<Integer, UpcastModel> chain = new TreeMap<>();
    for (UpcastModel step : steps) {
      if (step.fromVersion() >= current.version()) {
        diagnostics.error(thisRound(step.element()), Message.UPCAST_BEYOND_CURRENT, step.describe(), step.fromVersion(), name,
            current.version(), current.type().simpleName());
        continue;
      }
      UpcastModel earlier = chain.putIfAbsent(step.fromVersion(), step);
      if (earlier != null) {
        diagnostics.error(thisRound(step.element()), Message.UPCAST_DUPLICATE_STEP, earlier.describe(), step.describe(),
            step.fromVersion(), name);
      }
    }
    int start = chain.isEmpty() ? lowestClass : Math.min(lowestClass, chain.firstKey());
    int reached = start;
    while (chain.containsKey(reached)) {
      reached++;
    }
    if (reached >= current.version()) {
      return;
    }
    Map.Entry<Integer, UpcastModel> after = chain.higherEntry(reached);
    if (after != null) {
      diagnostics.error(thisRound(after.getValue().element()), Message.UPCAST_GAP, name, reached, start, reached,
          current.version(), reached);
    } else {
      diagnostics.error(current.element(), Message.UPCAST_CHAIN_SHORT, current.type().simpleName(), current.version(),
          name, reached, reached);
    }
  }

  /**
   * The method as this round knows it. Chains are checked in a later round than the one that read
   * the methods, and javac enters a class's members anew each round: a diagnostic on a method of
   * an earlier round would have no source position.
   */
  private ExecutableElement thisRound(ExecutableElement method) {
    TypeElement owner = elements.getTypeElement(((TypeElement) method.getEnclosingElement()).getQualifiedName());
    if (owner != null) {
      for (ExecutableElement candidate : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (candidate.getSimpleName().contentEquals(method.getSimpleName())
            && candidate.asType().toString().equals(method.asType().toString())) {
          return candidate;
        }
      }
    }
    return method;
  }
}
