package io.rillflow.query;

/**
 * Which page of results to read: its number (from 0), its size and an ordering. A repository method
 * with a {@code PageRequest} parameter reads one page; one returning {@link Page} also counts all
 * matches.
 *
 * @param page the page number, from 0
 * @param size the most items on a page, at least 1
 * @param sort the ordering; pages are only stable with one
 */
public record PageRequest(int page, int size, Sort sort) {

  public PageRequest {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more, but was " + page);
    }
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1, but was " + size);
    }
    if (sort == null) {
      sort = Sort.unsorted();
    }
  }

  /** Page {@code page} (from 0) of {@code size} items, unsorted. */
  public static PageRequest of(int page, int size) {
    return new PageRequest(page, size, Sort.unsorted());
  }

  /** Page {@code page} (from 0) of {@code size} items in {@code sort} order. */
  public static PageRequest of(int page, int size, Sort sort) {
    return new PageRequest(page, size, sort);
  }

  /** How many items come before this page. */
  public long offset() {
    return (long) page * size;
  }

  /** The next page. */
  public PageRequest next() {
    return new PageRequest(page + 1, size, sort);
  }
}
