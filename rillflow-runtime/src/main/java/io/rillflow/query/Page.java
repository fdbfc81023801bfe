package io.rillflow.query;

import java.util.List;

/**
 * One page of query results and the total count of matches.
 *
 * @param items the items on this page
 * @param page the page number, from 0
 * @param size the requested page size
 * @param totalElements how many items match in all
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int page, int size, long totalElements) {

  public Page {
    items = List.copyOf(items);
  }

  /** How many pages there are. */
  public int totalPages() {
    return (int) ((totalElements + size - 1) / size);
  }

  /** Whether a page follows this one. */
  public boolean hasNext() {
    return page + 1 < totalPages();
  }
}
