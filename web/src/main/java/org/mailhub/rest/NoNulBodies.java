package org.mailhub.rest;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.mailhub.infrastructure.RequestRejected;

/**
 * API request bodies with a NUL character, raw or as the JSON escape (backslash, u, 0000), are
 * refused with a 400 while they are read: valid JSON and CSV, but no text a database stores
 * (PostgreSQL refuses NUL even in a query). Webhooks drop NUL instead, since an ESP's events must
 * not be lost.
 */
@Provider
public class NoNulBodies implements ReaderInterceptor {

  private static final byte[] ESCAPE = {'\\', 'u', '0', '0', '0', '0'};

  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri;

  @Override
  public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
    if (uri.getPathSegments().isEmpty() || "api".equals(uri.getPathSegments().get(0).getPath())) {
      context.setInputStream(new Guard(context.getInputStream()));
    }
    return context.proceed();
  }

  private static final class Guard extends FilterInputStream {
    private int matched;

    Guard(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        check((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      for (int i = 0; i < n; i++) {
        check(buffer[offset + i]);
      }
      return n;
    }

    private void check(byte b) {
      if (b == 0) {
        throw refused();
      }
      if (b == ESCAPE[matched] || (matched == 1 && b == 'U')) {
        matched++;
        if (matched == ESCAPE.length) {
          throw refused();
        }
      } else {
        matched = b == ESCAPE[0] ? 1 : 0;
      }
    }

    private static RequestRejected refused() {
      return RequestRejected.invalid(
          "body", "contains a NUL character, which mailhub does not store");
    }
  }
}
