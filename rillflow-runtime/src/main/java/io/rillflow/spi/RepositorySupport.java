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
}
