package org.mailhub.infrastructure;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, the one envelope every list of the REST API answers with: the items, the page
 * number asked for (from 0), the page size and how many items there are in all (with the same
 * filters), so that a page past the end has no items but the right total.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

  /** The same page with each item changed. */
  public <R> Page<R> map(Function<? super T, ? extends R> change) {
    return new Page<>(items.stream().<R>map(change).toList(), page, size, total);
  }
}
