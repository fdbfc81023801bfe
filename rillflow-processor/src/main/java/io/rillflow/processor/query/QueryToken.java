package io.rillflow.processor.query;

/** One token of an {@code @Query} predicate, at its 1-based column in the text. */
record QueryToken(String text, Kind kind, int column) {
  enum Kind { WORD, PARAMETER, STRING, NUMBER, SYMBOL, END }

  boolean is(String keyword) {
    return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
  }
}
