package io.rillflow.internal.projections;

import io.rillflow.Projection;
import io.rillflow.ProjectionLifecycle;
import java.util.Objects;

/**
 * A projection as registered on the builder.
 *
 * @param name its unique name: the key of its checkpoint row
 * @param lifecycle inline or async
 * @param projection the code
 */
public record RegisteredProjection(String name, ProjectionLifecycle lifecycle, Projection projection) {

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
