package io.rillflow.spi;

/**
 * What a store offers generated repositories beyond the public API. The store returned by
 * {@code DocumentStore.builder().build()} implements it.
 */
public interface RepositorySupport {

  /**
   * A call of the compile-time query {@code sql} (its table written as {@code {{table}}}) over
   * {@code type}; documents it finds go through {@code session}'s identity map when it has one.
   */
  <T> QueryCall<T> queryCall(Class<T> type, String sql, io.rillflow.DocumentSession session);

  /**
   * What {@code document} became when {@code session}'s last {@code saveChanges()} wrote it: the same
   * instance, or for a versioned record, its copy at the new version.
   */
  <S> S saved(io.rillflow.DocumentSession session, S document);
}
