package io.rillflow.processor.query;

import io.rillflow.processor.model.PathModel;
import io.rillflow.processor.read.NearestName;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds a document's paths by the names query methods use: {@code AuthorCountry} or {@code author.country}. */
final class PathNames {
  private final List<PathModel> roots;

  PathNames(List<PathModel> roots) {
    this.roots = roots;
  }

  /** {@code AuthorCountry} (or {@code Author_Country}) to {@code author.country}. */
  Optional<PathModel> camel(String name) {
    return camel(roots, name);
  }

  private static Optional<PathModel> camel(List<PathModel> level, String rest) {
    // Longest names first, so that "AuthorName" prefers a member "authorName" over "author".
    List<PathModel> candidates = level.stream()
        .sorted(Comparator.comparingInt((PathModel p) -> p.name().length()).reversed())
        .toList();
    for (PathModel candidate : candidates) {
      String capitalized = capitalize(candidate.name());
      if (rest.equals(capitalized) || rest.equals(candidate.name())) {
        return Optional.of(candidate);
      }
      if (rest.startsWith(capitalized) && !candidate.children().isEmpty()) {
        String below = rest.substring(capitalized.length());
        if (below.startsWith("_")) {
          below = below.substring(1);
        }
        Optional<PathModel> found = camel(candidate.children(), below);
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  /** {@code author.country}. */
  Optional<PathModel> dotted(String dotted) {
    return roots.stream().flatMap(p -> p.flatten().stream()).filter(p -> p.dotted().equals(dotted)).findFirst();
  }

  /** {@code ; did you mean "author.country"?}, or nothing when no path is near; in the style asked. */
  String suggestion(String name) {
    boolean camelStyle = !name.isEmpty() && Character.isUpperCase(name.charAt(0));
    List<String> all = roots.stream().flatMap(p -> p.flatten().stream())
        .map(p -> camelStyle ? camelName(p) : p.dotted())
        .toList();
    return NearestName.among(name, all).map(n -> "; did you mean \"" + n + "\"?").orElse("");
  }

  /** The name a derived method uses for {@code path}: {@code AuthorCountry}. */
  static String camelName(PathModel path) {
    StringBuilder name = new StringBuilder();
    path.segments().forEach(s -> name.append(capitalize(s)));
    return name.toString();
  }

  static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
