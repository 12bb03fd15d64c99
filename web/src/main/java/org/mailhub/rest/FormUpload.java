package org.mailhub.rest;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MalformedMessageException;
import io.undertow.util.MultipartParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One named part of a {@code multipart/form-data} body, read as the body arrives: nothing is kept
 * but what one read of the body brings. (RESTEasy's multipart support would first copy the whole
 * body, to a file past 5 MB and refusing it past 50 MB, and then each part to a file of its own.)
 * The parts before it are skipped, the body after it is not read, and a later part of the same name
 * is ignored. Undertow's parser, which serves the server's own forms, does the parsing.
 */
public final class FormUpload extends InputStream {

  /** The body is not a form of the expected shape: no boundary, no such part, cut short. */
  public static final class Unreadable extends IOException {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** Bodies are read this much at a time. */
  static final int READ = 8192;

  /** A part's headers (and the boundaries around them) are never this long. */
  static final int MAX_HEADERS = 64 * 1024;

  // only for parts in base64 or quoted-printable, which browsers and HTTP clients do not send
  private static final ByteBufferPool DECODING = new DefaultByteBufferPool(false, READ);

  private final InputStream body;
  private final String name;
  private final MultipartParser.ParseState parser;
  private final byte[] input = new byte[READ];
  private byte[] data = new byte[2 * READ];
  private int start;
  private int end;
  private boolean inside;
  private boolean found;
  private boolean ended;
  private boolean heard;
  private long unheard;

  private FormUpload(InputStream body, String boundary, String name) {
    this.body = body;
    this.name = name;
    this.parser =
        MultipartParser.beginParse(
            DECODING, new Parts(), boundary.getBytes(StandardCharsets.ISO_8859_1), "UTF-8");
  }

  /**
   * The part's content, from the body of a form whose boundary {@code boundary} is (the
   * Content-Type's parameter).
   *
   * @throws Unreadable when there is no boundary, or the form ends or breaks before the part starts
   */
  public static InputStream part(InputStream body, String boundary, String name)
      throws IOException {
    if (boundary == null || boundary.isBlank()) {
      throw new Unreadable("the Content-Type multipart/form-data names no boundary");
    }
    FormUpload upload = new FormUpload(body, boundary, name);
    while (!upload.found) {
      if (!upload.pump()) {
        throw new Unreadable("the form has no part named " + name);
      }
    }
    return upload;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (start == end) {
      if (ended) {
        return -1;
      }
      if (!pump()) {
        throw new Unreadable("the form ends in the middle of its part " + name);
      }
    }
    int n = Math.min(length, end - start);
    System.arraycopy(data, start, buffer, offset, n);
    start += n;
    return n;
  }

  /** Parses the next read of the body; false at its end. */
  private boolean pump() throws IOException {
    if (parser.isComplete()) {
      return false;
    }
    int n = body.read(input);
    if (n < 0) {
      return false;
    }
    if (start == end) {
      start = 0;
      end = 0;
    }
    heard = false;
    try {
      parser.parse(ByteBuffer.wrap(input, 0, n));
    } catch (MalformedMessageException e) {
      throw new Unreadable("the form is malformed: a part's headers cannot be read");
    } catch (RuntimeException e) {
      // Undertow's decoders refuse a part's content (a bad base64 character) unchecked
      throw new Unreadable("the form is malformed: a part's content cannot be decoded");
    }
    // outside a part's content the parser keeps what it reads (headers): bounded here
    unheard = heard ? 0 : unheard + n;
    if (unheard > MAX_HEADERS) {
      throw new Unreadable("the form is malformed: no part content in " + unheard + " bytes");
    }
    return true;
  }

  /** What the parser finds, in order. */
  private final class Parts implements MultipartParser.PartHandler {

    @Override
    public void beginPart(HeaderMap headers) {
      heard = true;
      String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
      if (!found
          && disposition != null
          && name.equals(Headers.extractQuotedValueFromHeader(disposition, "name"))) {
        found = true;
        inside = true;
      }
    }

    @Override
    public void data(ByteBuffer buffer) {
      heard = true;
      if (!inside) {
        return;
      }
      int n = buffer.remaining();
      if (end + n > data.length) {
        data = Arrays.copyOf(data, Math.max(2 * data.length, end + n));
      }
      buffer.get(data, end, n);
      end += n;
    }

    @Override
    public void endPart() {
      heard = true;
      if (inside) {
        inside = false;
        ended = true;
      }
    }
  }
}
