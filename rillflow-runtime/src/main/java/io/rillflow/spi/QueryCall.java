package io.rillflow.spi;

import io.rillflow.query.Page;
import io.rillflow.query.PageRequest;
import io.rillflow.query.Sort;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One call of a generated repository query: the SQL was fixed at compile time, the call binds its
 * values in order and runs it. Made by {@link AbstractDocumentRepository#query(String)}.
 *
 * @param <T> the document type
 */
public interface QueryCall<T> {

  /** Binds a value compared with a typed expression or column (enums by name, instants as timestamps). */
  QueryCall<T> bind(Object value);

  /** Binds the JSON document that contains {@code value} at {@code path}, for {@code data @> ?::jsonb}. */
  QueryCall<T> bindContaining(List<String> path, Object value);

  /** Binds the JSON document whose array at {@code path} holds {@code elements}, for {@code data @> ?::jsonb}. */
  QueryCall<T> bindContainingAll(List<String> path, Collection<?> elements);

  /** Binds a collection or array as an SQL array of {@code elementType}, for {@code = ANY (?)}. */
  QueryCall<T> bindArray(Object values, String elementType);

  /** Binds elements as a text array of their JSON, for matching any element of a JSON array. */
  QueryCall<T> bindJsonArray(Collection<?> elements);

  /** Binds a {@code LIKE} pattern: {@code before + text (escaped) + after}. */
  QueryCall<T> bindPattern(String before, String text, String after);

  /** Orders the results (appended to the SQL; names are checked against the document's paths). */
  QueryCall<T> sort(Sort sort);

  /** At most {@code count} results (appended to the SQL, after any ordering). */
  QueryCall<T> limit(int count);

  /** The one matching document, if any; more than one is an error. */
  Optional<T> optional();

  /**
   * The one matching document; none or more than one is an error (as {@code DocumentQuery.single()}).
   *
   * @throws io.rillflow.RillflowException when there is none or more than one
   */
  T single();

  List<T> list();

  Stream<T> stream();

  /** One page: the SQL gets the request's ordering, limit and offset; {@code countSql} counts all matches. */
  Page<T> page(PageRequest request, String countSql);

  /** The results read as {@code projection} from JSON objects the SQL builds. */
  <R> QueryCall<R> as(Class<R> projection);

  /** The first column of the one row, as a number: counts and deletes. */
  long count();

  /** Whether the count query found any row. */
  boolean exists();

  /** Runs an update or delete; the number of rows. */
  long execute();
}
