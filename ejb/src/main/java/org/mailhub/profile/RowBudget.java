package org.mailhub.profile;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * Bounds one imported row while it is read: counts what the parser pulls from the body since the
 * current row began and stops the import when a row passes {@link #MAX_ROW}, before the parser
 * holds a row of any size in memory. The rules of {@link ProfileRules} then bound each field.
 */
final class RowBudget {

  /** Far above the largest valid row (200 properties of 1,000 characters), far below the heap. */
  static final int MAX_ROW = 1 << 20;

  /** Thrown from the body's read, so that it surfaces through whichever parser reads. */
  static final class RowTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    RowTooLarge() {
      super("a row is larger than " + MAX_ROW + " bytes");
    }
  }

  private final int max;
  private long used;

  RowBudget() {
    this(MAX_ROW);
  }

  RowBudget(int max) {
    this.max = max;
  }

  /** The next row begins: what the parser reads from now on is its. */
  void startRow() {
    used = 0;
  }

  static boolean exceeded(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RowTooLarge) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  InputStream bytes(InputStream body) {
    return new FilterInputStream(body) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
      }
    };
  }

  Reader chars(Reader body) {
    return new FilterReader(body) {
      @Override
      public int read() throws IOException {
        int c = super.read();
        count(c < 0 ? 0 : 1);
        return c;
      }

      @Override
      public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(n);
        return n;
      }
    };
  }

  private void count(int n) throws RowTooLarge {
    if (n > 0) {
      used += n;
      if (used > max) {
        throw new RowTooLarge();
      }
    }
  }
}
