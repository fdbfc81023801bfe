package io.rillflow.spi;

import io.rillflow.projections.Projection;
import io.rillflow.projections.ProjectionContext;
import io.rillflow.projections.ProjectionLifecycle;
import java.util.List;
import java.util.Objects;

/**
 * A projection as registered on the builder.
 *
 * @param name its unique name: the key of its checkpoint row
 * @param lifecycle inline or async
 * @param projection the code
 */
public record RegisteredProjection(String name, ProjectionLifecycle lifecycle, Projection projection) {

  /**
   * Whether the projection works per batch (overrides {@link Projection#applyBatch}); otherwise the
   * daemon calls {@link Projection#apply} itself and knows which event failed. A reflective look-up:
   * callers ask once, when the store starts.
   */
  public boolean batchWise() {
    try {
      return projection.getClass().getMethod("applyBatch", List.class, ProjectionContext.class).getDeclaringClass()
          != Projection.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("Projection declares applyBatch", e);
    }
  }

  /** Checks the parts. */
  public RegisteredProjection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(projection, "projection");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("A projection's name is 1 to 200 characters, not blank, but was \"" + name + "\"");
    }
  }
}
