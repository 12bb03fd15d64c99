package org.mailhub.infrastructure;

/** Where a page starts, for any page number a client may ask for. */
public final class Paging {

  private Paging() {}

  /**
   * The first row of the page; a page beyond what a query can skip to starts past every row (an
   * empty page), where {@code page * size} would overflow into a negative offset and a 500.
   */
  public static int offset(int page, int size) {
    return (int) Math.min((long) page * size, Integer.MAX_VALUE);
  }
}
