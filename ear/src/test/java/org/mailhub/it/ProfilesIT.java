package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A program imports profiles from a CSV file as a generated client sends it (a form upload), finds
 * one by its address and pages through them; every list of the API answers with the same page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProfilesIT {

  private static final String BOUNDARY = "mailhub-it-boundary-7MA4YWxk";

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  private String email(int n) {
    return "pf" + n + "-" + run + "@example.com";
  }

  /** A form with one part, as generated clients, curl -F and browsers send it. */
  private static byte[] form(String name, byte[] content) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nnot the file\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\"profiles.csv\"\r\nContent-Type: text/csv\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  private static HttpResponse<String> upload(byte[] form, boolean requestedBy) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Mailhub.BASE.resolve("api/profiles/import"))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(form));
    if (requestedBy) {
      request.header("X-Requested-By", "profiles-it");
    }
    return Mailhub.send(request.build());
  }

  private static HttpResponse<String> upload(String csv) {
    return upload(form("file", csv.getBytes(StandardCharsets.UTF_8)), true);
  }

  private long total(String path) {
    return Mailhub.json(Mailhub.get(path)).getJsonNumber("total").longValue();
  }

  @Test
  void aCsvFileUploadedAsAFormIsImportedWithATypedReport() {
    HttpResponse<String> imported =
        upload(
            "\uFEFFEmail,name,city\r\n"
                + email(1).toUpperCase()
                + ",Ana,Lisboa\r\n"
                + email(2)
                + ",Bo,\r\nnot-an-address,Cy,Porto\r\n");

    assertEquals(200, imported.statusCode(), imported.body());
    JsonObject report = Mailhub.json(imported);
    assertEquals(
        Set.of("created", "updated", "rejected", "rejections"), report.keySet(), "no error");
    assertEquals(2, report.getInt("created"));
    assertEquals(0, report.getInt("updated"));
    assertEquals(1, report.getInt("rejected"));
    JsonObject rejection = report.getJsonArray("rejections").getJsonObject(0);
    assertEquals(3, rejection.getInt("row"));
    assertEquals("not-an-address", rejection.getString("email"));

    JsonObject ana = Mailhub.json(Mailhub.get("api/profiles/" + email(1)));
    assertEquals(email(1), ana.getString("email"), "stored lower-cased");
    assertEquals("Lisboa", ana.getJsonObject("properties").getString("city"));
    assertNull(
        Mailhub.json(Mailhub.get("api/profiles/" + email(2).toUpperCase()))
            .getJsonObject("properties")
            .get("city"),
        "found without case; an empty cell sets nothing");

    // curl users still post the file itself
    HttpResponse<String> again =
        Mailhub.send(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/profiles"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("email,city\n" + email(2) + ",Faro\n"))
                .build());
    assertEquals(200, again.statusCode(), again.body());
    assertEquals(1, Mailhub.json(again).getInt("updated"));
    assertEquals(
        "Faro",
        Mailhub.json(Mailhub.get("api/profiles/" + email(2)))
            .getJsonObject("properties")
            .getString("city"));
  }

  @Test
  void anUploadThatIsNoFormOfACsvFileIsA400SayingWhy() {
    HttpResponse<String> noFile = upload(form("csv", "email\n".getBytes()), true);
    assertEquals(400, noFile.statusCode(), noFile.body());
    JsonObject error = Mailhub.json(noFile);
    assertEquals("VALIDATION_FAILED", error.getString("code"));
    JsonObject violation = error.getJsonArray("violations").getJsonObject(0);
    assertEquals("file", violation.getString("field"));
    assertEquals("the form has no part named file", violation.getString("message"));

    HttpResponse<String> notAForm =
        Mailhub.send(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/profiles/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .header("X-Requested-By", "profiles-it")
                .POST(HttpRequest.BodyPublishers.ofString("email\n" + email(9) + "\n"))
                .build());
    assertEquals(400, notAForm.statusCode(), notAForm.body());
    assertEquals(
        "file",
        Mailhub.json(notAForm).getJsonArray("violations").getJsonObject(0).getString("field"));

    HttpResponse<String> text = upload("This is a letter, not a list of profiles.\nBye.\n");
    assertEquals(400, text.statusCode(), text.body());
    assertEquals("the CSV header has no email column", Mailhub.json(text).getString("error"));

    byte[] garbage = new byte[4096];
    new java.util.Random(16).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = garbage[i] == 0 ? 1 : garbage[i]; // NUL is refused before the CSV is read
    }
    HttpResponse<String> binary = upload(form("file", garbage), true);
    assertEquals(400, binary.statusCode(), binary.body());
    JsonObject report = Mailhub.json(binary);
    assertEquals(0, report.getInt("created"), binary.body());
    assertTrue(report.getString("error").startsWith("the CSV"), binary.body());

    // the form is cut in the file: the rows before the cut are kept
    byte[] whole = form("file", ("email\n" + email(7) + "\n" + email(8) + "\n").getBytes());
    String cut = new String(whole, StandardCharsets.UTF_8);
    HttpResponse<String> truncated =
        upload(cut.substring(0, cut.indexOf(email(8)) + 3).getBytes(StandardCharsets.UTF_8), true);
    assertEquals(400, truncated.statusCode(), truncated.body());
    assertTrue(
        Mailhub.json(truncated).getString("error").contains("ends in the middle of its part file"),
        truncated.body());
    assertEquals(200, Mailhub.get("api/profiles/" + email(7)).statusCode());
  }

  @Test
  void anUploadNeedsXRequestedByAndStaysWithinTheImportLimit() {
    HttpResponse<String> fromAForm =
        upload(form("file", ("email\n" + email(5) + "\n").getBytes()), false);

    assertEquals(415, fromAForm.statusCode(), fromAForm.body());
    assertEquals("JSON_OR_HEADER_REQUIRED", Mailhub.json(fromAForm).getString("code"));
    assertEquals(404, Mailhub.get("api/profiles/" + email(5)).statusCode(), "nothing imported");

    // over MAILHUB_HTTP_MAX_IMPORT_BYTES (1 GB in the tests' server): refused at once, in mailhub's
    // words (the web server's own limit is above any length, mailhub's is per request)
    assertEquals(
        "413",
        Mailhub.statusOfHeadersAlone(
            "api/profiles/import",
            (1L << 30) + 1,
            "Content-Type: multipart/form-data; boundary=" + BOUNDARY,
            "X-Requested-By: profiles-it"));
    assertEquals(
        "413",
        Mailhub.statusOfHeadersAlone(
            "api/profiles", 1L << 40, "Content-Type: text/csv", "X-Requested-By: it"));

    // over the 10 MB of other calls: imported as it arrives
    StringBuilder csv = new StringBuilder("email,note\n");
    int rows = 0;
    while (csv.length() < (11 << 20)) {
      csv.append("big").append(rows++).append('-').append(run).append("@example.com,");
      csv.append("n".repeat(150)).append('\n');
    }
    HttpResponse<String> big = upload(csv.toString());
    assertEquals(200, big.statusCode(), big.body());
    assertEquals(rows, Mailhub.json(big).getInt("created"), big.body());
  }

  @Test
  void profilesAreFoundByAddressAndPagedNewestFirstWithTheirTotal() {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      json.append(i == 0 ? "" : ",").append("{\"email\": \"").append(email(i)).append("\"}");
    }
    assertEquals(200, Mailhub.post("api/profiles", json.append("]").toString()).statusCode());

    JsonObject first = Mailhub.json(Mailhub.get("api/profiles?email=-" + run + "@&size=2"));
    assertEquals(5, first.getInt("total"), first.toString());
    assertEquals(0, first.getInt("page"));
    assertEquals(2, first.getInt("size"));
    assertEquals(List.of(email(4), email(3)), emails(first), "newest first");
    assertEquals(
        List.of(email(0)),
        emails(
            Mailhub.json(
                Mailhub.get("api/profiles?email=" + run.toUpperCase() + "&page=2&size=2"))),
        "the filter ignores case");
    JsonObject past = Mailhub.json(Mailhub.get("api/profiles?email=" + run + "&page=3&size=2"));
    assertEquals(List.of(), emails(past));
    assertEquals(5, past.getInt("total"), "past the end: no items, the total");
    JsonObject far =
        Mailhub.json(Mailhub.get("api/profiles?email=" + run + "&page=2147483647&size=1000"));
    assertEquals(List.of(), emails(far));
    assertEquals(0, total("api/profiles?email=nobody-" + run));
    assertEquals(0, total("api/profiles?email=%00" + run), "NUL matches nobody");
    assertTrue(total("api/profiles") >= 5);

    HttpResponse<String> missing = Mailhub.get("api/profiles/nobody-" + run + "@example.com");
    assertEquals(404, missing.statusCode());
    assertEquals("NOT_FOUND", Mailhub.json(missing).getString("code"));
  }

  @Test
  void everyListTakesTheSamePagingAndAnswersWithTheSamePage() {
    for (String list :
        List.of(
            "api/providers", "api/users", "api/campaigns", "api/suppressions", "api/profiles")) {
      JsonObject page = Mailhub.json(Mailhub.get(list + "?page=0&size=1"));
      assertEquals(Set.of("items", "page", "size", "total"), page.keySet(), list);
      assertTrue(page.getJsonArray("items").size() <= 1, list);
      long total = page.getJsonNumber("total").longValue();
      assertEquals(Math.min(1, total), page.getJsonArray("items").size(), list);
      assertEquals(50, Mailhub.json(Mailhub.get(list)).getInt("size"), list + ": default size");
      JsonObject past = Mailhub.json(Mailhub.get(list + "?page=" + (total + 1) + "&size=1"));
      assertEquals(0, past.getJsonArray("items").size(), list);
      assertEquals(total, past.getJsonNumber("total").longValue(), list);
      for (String bad :
          List.of("page=-1", "size=0", "size=1001", "page=abc", "size=2147483648", "page=%00")) {
        HttpResponse<String> refused = Mailhub.get(list + "?" + bad);
        assertEquals(400, refused.statusCode(), list + "?" + bad + ": " + refused.body());
        assertEquals(
            bad.substring(0, bad.indexOf('=')),
            Mailhub.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"));
      }
    }

    // a filter value that is not one of the enum's is the client's mistake too, not a missing page
    for (String bad : List.of("api/suppressions?reason=BOGUS", "api/campaigns/1/sends?status=x")) {
      HttpResponse<String> refused = Mailhub.get(bad);
      assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
    }
    // a NUL in a search is no address: an empty page, not a database error (PostgreSQL)
    assertEquals(
        0,
        Mailhub.json(Mailhub.get("api/suppressions?email=a%00b"))
            .getJsonNumber("total")
            .intValue());
    assertEquals(404, Mailhub.get("api/suppressions/a%00b@example.com").statusCode());

    JsonObject document = Mailhub.json(Mailhub.get("openapi?format=JSON"));
    JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
    JsonObject paths = document.getJsonObject("paths");
    for (String list :
        List.of(
            "/api/providers",
            "/api/users",
            "/api/campaigns",
            "/api/campaigns/{id}/sends",
            "/api/campaigns/{id}/errors",
            "/api/suppressions",
            "/api/profiles")) {
      String ref =
          paths
              .getJsonObject(list)
              .getJsonObject("get")
              .getJsonObject("responses")
              .getJsonObject("200")
              .getJsonObject("content")
              .getJsonObject("application/json")
              .getJsonObject("schema")
              .getString("$ref");
      JsonObject page = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      assertEquals(
          Set.of("items", "page", "size", "total"),
          page.getJsonObject("properties").keySet(),
          list);
    }
    JsonObject upload = paths.getJsonObject("/api/profiles/import").getJsonObject("post");
    assertTrue(
        upload.getJsonArray("parameters").stream()
            .map(p -> p.asJsonObject())
            .anyMatch(
                p ->
                    p.getString("name").equals("X-Requested-By")
                        && p.getString("in").equals("header")
                        // needed with basic credentials, not with an API key
                        && !p.getBoolean("required", false)),
        upload.toString());
    assertEquals(
        "binary",
        upload
            .getJsonObject("requestBody")
            .getJsonObject("content")
            .getJsonObject("multipart/form-data")
            .getJsonObject("schema")
            .getJsonObject("properties")
            .getJsonObject("file")
            .getString("format"));
  }

  private static List<String> emails(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(p -> p.asJsonObject().getString("email"))
        .toList();
  }
}
