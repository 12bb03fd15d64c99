package org.mailhub.esp.ses;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for requests signed in the Authorization header, written from AWS's
 * documented algorithm ("Create a signed AWS API request") and checked against AWS's signing test
 * suite: canonical request, string to sign, signing key derived from the secret by date, region and
 * service, and the Authorization header. The body's hash is signed always; it is sent as {@code
 * x-amz-content-sha256} only when the caller signs that header too.
 */
final class SigV4 {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** An access key, its secret, and the session token of temporary credentials (or null). */
  record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + "]"; // never the secret
    }
  }

  /** Where the signature is valid: a region and a service ({@code ses}). */
  record Scope(String region, String service) {}

  private SigV4() {}

  /**
   * The headers that sign the request: {@code X-Amz-Date}, {@code X-Amz-Security-Token} with
   * temporary credentials, and {@code Authorization}.
   *
   * @param headers the headers to sign besides those, by name (at least {@code host})
   */
  static Map<String, String> sign(
      String method,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      Credentials credentials,
      Scope scope,
      Instant now) {
    String amzDate = AMZ_DATE.format(now);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("X-Amz-Date", amzDate);
    if (credentials.sessionToken() != null && !credentials.sessionToken().isBlank()) {
      added.put("X-Amz-Security-Token", credentials.sessionToken());
    }
    Map<String, String> signed = new LinkedHashMap<>(headers);
    signed.putAll(added);
    String canonical = canonicalRequest(method, uri, signed, body);
    String credentialScope =
        amzDate.substring(0, 8) + "/" + scope.region() + "/" + scope.service() + "/aws4_request";
    String signature =
        HexFormat.of()
            .formatHex(
                hmac(
                    signingKey(
                        credentials.secretAccessKey(),
                        amzDate.substring(0, 8),
                        scope.region(),
                        scope.service()),
                    stringToSign(amzDate, credentialScope, canonical)));
    added.put(
        "Authorization",
        ALGORITHM
            + " Credential="
            + credentials.accessKeyId()
            + "/"
            + credentialScope
            + ", SignedHeaders="
            + signedHeaders(signed)
            + ", Signature="
            + signature);
    return added;
  }

  static String canonicalRequest(String method, URI uri, Map<String, String> headers, byte[] body) {
    Map<String, String> canonical = canonicalHeaders(headers);
    StringBuilder request =
        new StringBuilder()
            .append(method)
            .append('\n')
            .append(canonicalPath(uri.getRawPath()))
            .append('\n')
            .append(canonicalQuery(uri.getRawQuery()))
            .append('\n');
    canonical.forEach((name, value) -> request.append(name).append(':').append(value).append('\n'));
    return request
        .append('\n')
        .append(String.join(";", canonical.keySet()))
        .append('\n')
        .append(hex(sha256(body)))
        .toString();
  }

  static String stringToSign(String amzDate, String credentialScope, String canonicalRequest) {
    return ALGORITHM
        + "\n"
        + amzDate
        + "\n"
        + credentialScope
        + "\n"
        + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] signingKey(String secret, String date, String region, String service) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, "aws4_request");
  }

  /** Names in lower case, sorted; values trimmed, inner runs of spaces made one. */
  private static Map<String, String> canonicalHeaders(Map<String, String> headers) {
    Map<String, String> canonical = new TreeMap<>();
    headers.forEach(
        (name, value) ->
            canonical.merge(
                name.toLowerCase(Locale.ROOT).strip(),
                value.strip().replaceAll(" +", " "),
                (first, second) -> first + "," + second));
    return canonical;
  }

  private static String signedHeaders(Map<String, String> headers) {
    return String.join(";", canonicalHeaders(headers).keySet());
  }

  /**
   * The path normalised (RFC 3986 dot segments removed, as for every service but S3) and each
   * segment URI-encoded once more, as the documented algorithm asks.
   */
  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String normalized = URI.create(rawPath.replaceAll("/{2,}", "/")).normalize().getRawPath();
    List<String> segments = new ArrayList<>();
    for (String segment : normalized.split("/", -1)) {
      segments.add(encode(decode(segment)));
    }
    String path = String.join("/", segments);
    return path.startsWith("/") ? path : "/" + path;
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> parameters = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      parameters.add(new String[] {encode(decode(name)), encode(decode(value))});
    }
    parameters.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> encoded = new ArrayList<>();
    parameters.forEach(p -> encoded.add(p[0] + "=" + p[1]));
    return String.join("&", encoded);
  }

  /** RFC 3986 percent-encoding: all but the unreserved characters, hex in upper case. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static String decode(String text) {
    // '+' is a plus in a URI, not a space
    return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data == null ? new byte[0] : data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
