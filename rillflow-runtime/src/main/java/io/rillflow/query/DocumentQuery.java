package io.rillflow.query;

import io.rillflow.QuerySession;
import io.rillflow.RillflowException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query over one document type, from {@link QuerySession#query(Class)}. Immutable: each
 * refinement returns a new query. Soft-deleted documents are skipped. The SQL is built once per
 * shape of query and cached; values are bound parameters.
 *
 * <pre>{@code
 * List<Customer> vip = session.query(Customer.class)
 *     .where(Customer_.tier.eq(Tier.VIP).and(Customer_.since.lt(cutoff)))
 *     .orderBy(Customer_.email.asc())
 *     .limit(25)
 *     .list();
 * }</pre>
 *
 * @param <T> the result type
 */
public interface DocumentQuery<T> {

  /** Only results matching {@code condition} (and every earlier one). */
  DocumentQuery<T> where(Condition<? super T> condition);

  /** Ordered by {@code sorts}, after any earlier ordering. */
  DocumentQuery<T> orderBy(Sort... sorts);

  /**
   * Deleted documents too, for a {@code @Document(softDelete = true)} type (Marten's
   * {@code MaybeDeleted()}); a type without soft delete has no deleted rows, so nothing changes. The
   * results are read past the session's identity map, so a later {@code load} of a deleted one stays empty.
   */
  DocumentQuery<T> includeDeleted();

  /**
   * Only deleted documents of a {@code @Document(softDelete = true)} type (Marten's {@code IsDeleted()}).
   *
   * @throws IllegalStateException when the type is not soft-deleted
   */
  DocumentQuery<T> onlyDeleted();

  /** Skips the first {@code count} results. */
  DocumentQuery<T> skip(long count);

  /** At most {@code count} results. */
  DocumentQuery<T> limit(int count);

  /**
   * The same query reading each result as {@code projection}, typically a record with some of the
   * document's members (read from the document's JSON by name).
   */
  <P> DocumentQuery<P> select(Class<P> projection);

  /** Every result in a list. Prefer {@link #stream()} for large results. */
  List<T> list();

  /**
   * The results from a cursor, read in batches of the fetch size: close the stream
   * (try-with-resources) to release its connection.
   */
  Stream<T> stream();

  /** The first result, if any. */
  Optional<T> first();

  /**
   * The one result.
   *
   * @throws RillflowException when there is none or more than one
   */
  T single();

  /** How many documents match (ignoring skip and limit). */
  long count();

  /** Whether any document matches. */
  boolean exists();

  /** Page {@code pageNumber} (from 0) of {@code size} results, with the total count. */
  Page<T> page(int pageNumber, int size);
}
