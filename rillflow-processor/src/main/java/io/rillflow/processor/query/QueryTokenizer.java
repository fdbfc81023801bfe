package io.rillflow.processor.query;

import io.rillflow.processor.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an {@code @Query} predicate into {@link QueryToken}s, each with its column for error carets:
 * words (paths and keywords), {@code :parameters}, {@code 'strings'} ({@code ''} escapes a quote),
 * numbers and the comparison symbols; the last token is always {@link QueryToken.Kind#END}.
 */
final class QueryTokenizer {
  private QueryTokenizer() {}

  static List<QueryToken> tokens(String text) throws QueryFailure {
    List<QueryToken> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int column = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder value = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= text.length()) {
            throw QueryFailure.syntax(text, column, Message.QUERY_SYNTAX_STRING);
          }
          if (text.charAt(j) == '\'') {
            if (j + 1 < text.length() && text.charAt(j + 1) == '\'') {
              value.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          value.append(text.charAt(j++));
        }
        tokens.add(new QueryToken(value.toString(), QueryToken.Kind.STRING, column));
        i = j + 1;
      } else if (c == ':') {
        int j = i + 1;
        while (j < text.length() && Character.isJavaIdentifierPart(text.charAt(j))) {
          j++;
        }
        if (j == i + 1) {
          throw QueryFailure.syntax(text, column, Message.QUERY_SYNTAX_PARAMETER_NAME);
        }
        tokens.add(new QueryToken(text.substring(i + 1, j), QueryToken.Kind.PARAMETER, column));
        i = j;
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
        int j = i + 1;
        while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        tokens.add(new QueryToken(text.substring(i, j), QueryToken.Kind.NUMBER, column));
        i = j;
      } else if (Character.isJavaIdentifierStart(c)) {
        int j = i + 1;
        while (j < text.length() && (Character.isJavaIdentifierPart(text.charAt(j)) || text.charAt(j) == '.')) {
          j++;
        }
        tokens.add(new QueryToken(text.substring(i, j), QueryToken.Kind.WORD, column));
        i = j;
      } else if (c == '(' || c == ')' || c == '=') {
        tokens.add(new QueryToken(String.valueOf(c), QueryToken.Kind.SYMBOL, column));
        i++;
      } else if (c == '<' || c == '>' || c == '!') {
        String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("!=") || two.equals("<>")) {
          tokens.add(new QueryToken(two, QueryToken.Kind.SYMBOL, column));
          i += 2;
        } else if (c == '!') {
          throw QueryFailure.syntax(text, column, Message.QUERY_SYNTAX_BANG);
        } else {
          tokens.add(new QueryToken(String.valueOf(c), QueryToken.Kind.SYMBOL, column));
          i++;
        }
      } else {
        throw QueryFailure.syntax(text, column, Message.QUERY_SYNTAX_CHARACTER, String.valueOf(c));
      }
    }
    tokens.add(new QueryToken("", QueryToken.Kind.END, text.length() + 1));
    return tokens;
  }
}
