package io.rillflow.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one rule for how a tag is written: {@code name:value}, the value's {@code toString()} (a
 * String, UUID or number). Generated {@link EventMapping#tags} methods call it; so does
 * {@code EventQuery}, so a query's tag and a stored tag always agree.
 */
public final class EventTags {
  private EventTags() {}

  /** One tag. */
  public static String tag(String name, Object value) {
    return name + ":" + value;
  }

  /**
   * The tags of name and value pairs, in order, leaving out pairs whose value is {@code null}.
   *
   * @param namesAndValues a name (String), then its value, repeated
   */
  public static List<String> of(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("Tags come as name and value pairs, but " + namesAndValues.length
          + " arguments were given");
    }
    List<String> tags = new ArrayList<>(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        String tag = tag((String) namesAndValues[i], value);
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
    }
    return Collections.unmodifiableList(tags);
  }
}
