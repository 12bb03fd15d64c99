package org.mailhub.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * The mailhub under test, as its users see it: the real EAR and plain HTTP. Calls to the REST API
 * are made as the first admin (ear/pom.xml's it.admin.*) unless they carry credentials of their
 * own.
 */
final class Mailhub {

  static final URI BASE = URI.create(System.getProperty("mailhub.url", "http://localhost:8080/"));
  static final String ADMIN = System.getProperty("mailhub.it.admin.user");
  static final String ADMIN_PASSWORD = System.getProperty("mailhub.it.admin.password");

  /** The first admin, as the system properties of a server the tests start themselves. */
  static final String[] ADMIN_PROPERTIES = {
    "-Dmailhub.admin.user=" + ADMIN, "-Dmailhub.admin.password=" + ADMIN_PASSWORD
  };

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Mailhub() {}

  /** The EAR that `mvn package` built, exactly as users deploy it. */
  static EnterpriseArchive ear() {
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File("target/mailhub.ear"));
  }

  static HttpResponse<String> get(String path) {
    return get(BASE, path);
  }

  static HttpResponse<String> get(URI base, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  static HttpResponse<String> post(URI base, String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  static HttpResponse<String> post(String path, String json) {
    return send(withJson(path, json).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static HttpResponse<String> put(String path, String json) {
    return send(withJson(path, json).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static HttpResponse<String> delete(String path) {
    return send(HttpRequest.newBuilder(BASE.resolve(path)).DELETE().build());
  }

  private static HttpRequest.Builder withJson(String path, String json) {
    return HttpRequest.newBuilder(BASE.resolve(path)).header("Content-Type", "application/json");
  }

  static HttpResponse<String> send(HttpRequest request) {
    if (request.uri().getPath().startsWith("/api/")
        && request.headers().firstValue("Authorization").isEmpty()) {
      request =
          HttpRequest.newBuilder(request, (name, value) -> true)
              .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
              .build();
    }
    return exchange(request);
  }

  /**
   * A call with exactly these credentials ({@code Authorization}, none when null) and, when {@code
   * json} is not null, that JSON body.
   */
  static HttpResponse<String> call(String method, String path, String authorization, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(BASE.resolve(path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return exchange(request.build());
  }

  /** The request exactly as given: without credentials unless it has its own. */
  static HttpResponse<String> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("mailhub did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The status mailhub answers to a POST (as the admin) whose headers announce a body of {@code
   * length} bytes, sent without the body: only an answer given before reading can arrive.
   *
   * @param headers more header lines, such as {@code Content-Type: application/json}
   */
  static String statusOfHeadersAlone(String path, long length, String... headers) {
    try (java.net.Socket socket = new java.net.Socket(BASE.getHost(), BASE.getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          "POST /"
              + path
              + " HTTP/1.1\r\nHost: localhost\r\n"
              + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
              + "Authorization: "
              + basic(ADMIN, ADMIN_PASSWORD)
              + "\r\nContent-Length: "
              + length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(
                      socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
              .readLine();
      return statusLine == null ? "no answer" : statusLine.split(" ")[1];
    } catch (IOException e) {
      return "no answer: " + e;
    }
  }

  static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(
                (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A loopback SMTP server (GreenMail) on a free port for an IT's providers to relay through, with
   * these users (each one's password is its name).
   */
  static com.icegreen.greenmail.junit5.GreenMailExtension smtpServer(String... users) {
    var server =
        new com.icegreen.greenmail.junit5.GreenMailExtension(
            new com.icegreen.greenmail.util.ServerSetup(
                freePort(), "127.0.0.1", com.icegreen.greenmail.util.ServerSetup.PROTOCOL_SMTP));
    if (users.length == 0) {
      return server;
    }
    var config = com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig();
    for (String user : users) {
      config = config.withUser(user, user);
    }
    return server.withConfiguration(config);
  }

  /**
   * A new RSA key and its self-signed certificate, made with the JDK's keytool for a loopback peer:
   * {@code <alias>.p12} (PKCS12, alias {@code alias}, password {@code <alias>-pass}) and the
   * certificate as {@code <alias>.pem}, in a new temporary folder.
   *
   * @param extensions more keytool options, e.g. {@code "-ext", "SAN=dns:localhost"}
   */
  static java.nio.file.Path selfSigned(String alias, String dname, String... extensions)
      throws Exception {
    java.nio.file.Path keystore =
        java.nio.file.Files.createTempDirectory(alias).resolve(alias + ".p12");
    java.util.List<String> generate =
        new java.util.ArrayList<>(
            java.util.List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                dname));
    generate.addAll(java.util.List.of(extensions));
    generate.addAll(
        java.util.List.of(
            "-keystore",
            keystore.toString(),
            "-storetype",
            "PKCS12",
            "-storepass",
            alias + "-pass"));
    keytool(generate);
    keytool(
        java.util.List.of(
            "-exportcert",
            "-rfc",
            "-alias",
            alias,
            "-keystore",
            keystore.toString(),
            "-storepass",
            alias + "-pass",
            "-file",
            keystore.resolveSibling(alias + ".pem").toString()));
    return keystore;
  }

  private static void keytool(java.util.List<String> arguments) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    org.junit.jupiter.api.Assertions.assertEquals(0, process.waitFor(), output);
  }

  /** A port nobody listens on right now, for the loopback peers of the tests. */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(HttpResponse<String> response) {
    return (JsonObject) parse(response.body());
  }

  /**
   * The items of one page of a list: every list of the API answers with {@code {"items", "page",
   * "size", "total"}}.
   */
  static jakarta.json.JsonArray items(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(response.statusCode() + " " + response.body());
    }
    JsonObject page = json(response);
    if (!page.keySet().equals(java.util.Set.of("items", "page", "size", "total"))) {
      throw new AssertionError("not a page: " + response.body());
    }
    return page.getJsonArray("items");
  }

  static JsonStructure parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }

  /** The HTML part of an email mailhub sent over SMTP (its other part is the text version). */
  static String html(jakarta.mail.internet.MimeMessage message) {
    try {
      if (message.getContent() instanceof jakarta.mail.Multipart parts) {
        for (int i = 0; i < parts.getCount(); i++) {
          if (parts.getBodyPart(i).isMimeType("text/html")) {
            return (String) parts.getBodyPart(i).getContent();
          }
        }
      }
      throw new AssertionError("no HTML part in " + message.getContentType());
    } catch (jakarta.mail.MessagingException | IOException e) {
      throw new AssertionError("cannot read the email", e);
    }
  }
}
