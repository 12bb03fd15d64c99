package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * An admin gives a program its own credential: creates an API key (shown once), the program calls
 * the API with {@code Authorization: Bearer}, and the admin revokes the key when the program is
 * retired. The admin UI's API keys page does the same, and the API reference lets people try the
 * API with either kind of credential.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiKeysIT {

  private final String run = UUID.randomUUID().toString().substring(0, 6);

  /** The secret of the admin key the story's program uses. */
  private String programKey;

  private long programKeyId;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  @Order(1)
  void anAdminCreatesAKeyWhichIsShownOnlyInTheAnswer() {
    HttpResponse<String> created =
        Mailhub.post("api/keys", "{\"name\": \"Nightly export " + run + "\", \"role\": \"ADMIN\"}");
    assertEquals(201, created.statusCode(), created.body());
    JsonObject key = Mailhub.json(created);
    programKey = key.getString("key");
    programKeyId = key.getJsonNumber("id").longValue();
    assertTrue(programKey.matches("mh_[A-Za-z0-9_-]{43}"), programKey);
    assertTrue(programKey.startsWith(key.getString("prefix")), key.toString());
    assertEquals("ADMIN", key.getString("role"));
    assertEquals(Mailhub.ADMIN, key.getString("createdBy"));
    assertTrue(
        created
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .endsWith("/api/keys/" + programKeyId),
        created.headers().map().toString());

    HttpResponse<String> list = Mailhub.get("api/keys");
    assertEquals(200, list.statusCode(), list.body());
    assertFalse(list.body().contains(programKey.substring(11)), "never again: " + list.body());
    JsonObject listed = listed(list, "Nightly export " + run);
    assertFalse(listed.containsKey("key"), listed.toString());
    assertEquals(key.getString("prefix"), listed.getString("prefix"));
    assertFalse(listed.containsKey("lastUsedAt"), "not used yet: " + listed);
    HttpResponse<String> one = Mailhub.get("api/keys/" + programKeyId);
    assertEquals(200, one.statusCode(), one.body());
    assertFalse(one.body().contains(programKey.substring(11)), one.body());
  }

  @Test
  @Order(2)
  void theProgramCallsTheApiWithItsKey() {
    HttpResponse<String> providers = bearer("GET", "api/providers", programKey, null);
    assertEquals(200, providers.statusCode(), providers.body());
    assertTrue(
        providers.headers().allValues("Set-Cookie").isEmpty(),
        "a program's call keeps no session: " + providers.headers().map());

    String address = "key-made-" + run + "@example.com";
    HttpResponse<String> suppressed =
        bearer("POST", "api/suppressions", programKey, "{\"email\": \"" + address + "\"}");
    assertEquals(201, suppressed.statusCode(), suppressed.body());
    assertEquals(200, Mailhub.get("api/suppressions/" + address).statusCode());

    String lastUsed =
        listed(Mailhub.get("api/keys"), "Nightly export " + run).getString("lastUsedAt");
    assertNotNull(lastUsed);
    assertEquals(200, bearer("GET", "api/providers", programKey, null).statusCode());
    assertEquals(
        lastUsed,
        listed(Mailhub.get("api/keys"), "Nightly export " + run).getString("lastUsedAt"),
        "a busy program's use is written at most once a minute");

    HttpResponse<String> byKey =
        bearer(
            "POST",
            "api/keys",
            programKey,
            "{\"name\": \"made by a program " + run + "\", \"role\": \"VIEWER\"}");
    assertEquals(201, byKey.statusCode(), byKey.body());
    assertEquals("key:Nightly export " + run, Mailhub.json(byKey).getString("createdBy"));

    HttpResponse<String> password =
        bearer(
            "PUT",
            "api/account/password",
            programKey,
            "{\"currentPassword\": \"whatever1\", \"newPassword\": \"whatever-else\"}");
    assertEquals(403, password.statusCode(), "a key has no password: " + password.body());
    assertEquals("NOT_A_USER", Mailhub.json(password).getString("code"));

    String user = "retired-" + run;
    assertEquals(
        201,
        Mailhub.post(
                "api/users",
                "{\"username\": \"%s\", \"password\": \"a long password\", \"role\": \"VIEWER\"}"
                    .formatted(user))
            .statusCode());
    HttpResponse<String> removed = bearer("DELETE", "api/users/" + user, programKey, null);
    assertEquals(204, removed.statusCode(), "an admin key removes users: " + removed.body());
    HttpResponse<String> lastAdmin =
        bearer("DELETE", "api/users/" + Mailhub.ADMIN, programKey, null);
    assertEquals(409, lastAdmin.statusCode(), "the last admin stays: " + lastAdmin.body());
  }

  @Test
  @Order(3)
  void aViewerKeyReadsButChangesNothing() {
    String viewer = create("Dashboard " + run, "viewer").getString("key");

    assertEquals(200, bearer("GET", "api/providers", viewer, null).statusCode());
    assertEquals(200, bearer("GET", "api/keys", viewer, null).statusCode());
    HttpResponse<String> write =
        bearer("POST", "api/suppressions", viewer, "{\"email\": \"viewer-" + run + "@x.org\"}");
    assertEquals(403, write.statusCode(), write.body());
    assertEquals("FORBIDDEN", Mailhub.json(write).getString("code"));
    assertEquals(
        403,
        bearer("POST", "api/keys", viewer, "{\"name\": \"escalate\", \"role\": \"ADMIN\"}")
            .statusCode());
    assertEquals(403, bearer("DELETE", "api/keys/" + programKeyId, viewer, null).statusCode());
  }

  @Test
  @Order(4)
  void wrongAndRevokedKeysAreRefused() {
    String wrong = "mh_" + "A".repeat(43);
    assertRefused(bearer("GET", "api/providers", wrong, null));

    JsonObject retired = create("Retired " + run, "ADMIN");
    String secret = retired.getString("key");
    long id = retired.getJsonNumber("id").longValue();
    assertEquals(200, bearer("GET", "api/providers", secret, null).statusCode());

    assertEquals(204, Mailhub.delete("api/keys/" + id).statusCode());
    assertEquals(204, Mailhub.delete("api/keys/" + id).statusCode(), "revoking twice is fine");
    assertRefused(bearer("GET", "api/providers", secret, null));
    assertRefused(bearer("POST", "api/suppressions", secret, "{\"email\": \"r@example.com\"}"));
    assertTrue(listed(Mailhub.get("api/keys"), "Retired " + run).containsKey("revokedAt"));

    HttpResponse<String> unknown = Mailhub.delete("api/keys/999999999");
    assertEquals(404, unknown.statusCode(), unknown.body());
    assertEquals("NOT_FOUND", Mailhub.json(unknown).getString("code"));
  }

  @Test
  @Order(5)
  void whatIsNotAKeyIsRefusedWithoutHarm() {
    for (String value :
        new String[] {"garbage", "", "mh_", "mh_" + "x".repeat(10_000), programKey + " extra"}) {
      HttpResponse<String> answer = bearer("GET", "api/providers", value, null);
      assertRefused(answer);
    }
    HttpResponse<String> lowerCaseScheme =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/providers"))
                .header("Authorization", "bearer " + programKey)
                .build());
    assertEquals(200, lowerCaseScheme.statusCode(), "the scheme's name has no case (RFC 9110)");

    HttpResponse<String> fromABrowser =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/providers"))
                .header("Authorization", "Bearer garbage")
                .header("Sec-Fetch-Mode", "cors")
                .build());
    assertEquals(401, fromABrowser.statusCode());
    assertTrue(fromABrowser.headers().firstValue("WWW-Authenticate").isEmpty());

    HttpResponse<String> page =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("admin/keys.xhtml"))
                .header("Authorization", "Bearer " + programKey)
                .build());
    assertEquals(302, page.statusCode(), "keys never open the admin UI: " + page.body());
    assertTrue(page.headers().firstValue("Location").orElseThrow().contains("/admin/login.xhtml"));

    HttpResponse<String> health =
        Mailhub.exchange(
            HttpRequest.newBuilder(Mailhub.BASE.resolve("api/health"))
                .header("Authorization", "Bearer garbage")
                .build());
    assertEquals(200, health.statusCode(), "open paths ignore credentials: " + health.body());

    HttpResponse<String> anonymous =
        Mailhub.exchange(HttpRequest.newBuilder(Mailhub.BASE.resolve("api/keys")).build());
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().allValues("WWW-Authenticate").stream()
            .anyMatch(c -> c.startsWith("Bearer")),
        "both schemes are offered: " + anonymous.headers().map());
  }

  @Test
  @Order(6)
  void keysAreCheckedWhenCreated() {
    HttpResponse<String> taken =
        Mailhub.post("api/keys", "{\"name\": \"NIGHTLY EXPORT " + run + "\", \"role\": \"ADMIN\"}");
    assertEquals(409, taken.statusCode(), taken.body());
    assertEquals("API_KEY_NAME_TAKEN", Mailhub.json(taken).getString("code"));

    HttpResponse<String> role =
        Mailhub.post("api/keys", "{\"name\": \"owner " + run + "\", \"role\": \"OWNER\"}");
    assertEquals(400, role.statusCode(), role.body());
    assertEquals("VALIDATION_FAILED", Mailhub.json(role).getString("code"));
    assertEquals(
        "role", Mailhub.json(role).getJsonArray("violations").getJsonObject(0).getString("field"));

    HttpResponse<String> both = Mailhub.post("api/keys", "{\"name\": \"  \"}");
    assertEquals(400, both.statusCode(), both.body());
    String violations = Mailhub.json(both).getJsonArray("violations").toString();
    assertTrue(violations.contains("\"name\"") && violations.contains("\"role\""), violations);
    assertEquals(
        400,
        Mailhub.post("api/keys", "{\"name\": \"" + "x".repeat(101) + "\", \"role\": \"ADMIN\"}")
            .statusCode());
    assertEquals(400, Mailhub.post("api/keys", "").statusCode());

    assertEquals(400, Mailhub.get("api/keys?size=0").statusCode());
    assertEquals(400, Mailhub.get("api/keys?page=-1").statusCode());
    JsonObject first = Mailhub.json(Mailhub.get("api/keys?size=1"));
    assertEquals(1, first.getJsonArray("items").size());
    assertTrue(first.getJsonNumber("total").longValue() >= 4, first.toString());
    assertEquals(
        "Retired " + run,
        first.getJsonArray("items").getJsonObject(0).getString("name"),
        "newest first");
  }

  @Test
  @Order(7)
  void anAdminCreatesAndRevokesAKeyInTheAdminUi() throws Exception {
    String viewer = "key-viewer-" + run;
    assertEquals(
        201,
        Mailhub.post(
                "api/users",
                "{\"username\": \"%s\", \"password\": \"viewer-password\", \"role\": \"VIEWER\"}"
                    .formatted(viewer))
            .statusCode());
    try (Browser browser = new Browser()) {
      signIn(browser, Mailhub.ADMIN, Mailhub.ADMIN_PASSWORD);
      browser.click("apiKeys");
      assertTrue(browser.driver.getCurrentUrl().endsWith("/admin/keys.xhtml"));
      browser.click("create:submit");
      assertEquals("is required", browser.fieldMessage("create:name"));

      browser.type("create:name", "Warehouse sync " + run);
      browser.select("create:role", "viewer");
      browser.click("create:submit");
      browser.element("created:createdDialog");
      String shown = browser.element("created:key").getDomProperty("value");
      assertTrue(shown.matches("mh_[A-Za-z0-9_-]{43}"), shown);
      assertTrue(
          browser.text("created:createdDialog").contains("it will not be shown again"),
          browser.text("created:createdDialog"));
      browser.screenshot("30-api-key-created");
      browser.click("created:copy");
      browser.click("created:close");
      assertFalse(browser.driver.getPageSource().contains(shown), "gone when the dialog closes");
      assertEquals(200, bearer("GET", "api/providers", shown, null).statusCode());

      browser.open("admin/keys.xhtml");
      assertFalse(browser.driver.getPageSource().contains(shown), "never shown again");
      String row = keyRow(browser, "Warehouse sync " + run).getText();
      assertTrue(row.contains("viewer") && row.contains(Mailhub.ADMIN), row);
      assertTrue(row.contains(shown.substring(0, 11)), "the prefix: " + row);

      browser.type("create:name", "warehouse SYNC " + run);
      browser.click("create:submit");
      browser.expectMessage("There is already an API key called");

      String index = keyRow(browser, "Warehouse sync " + run).getDomAttribute("data-ri");
      browser.click("list:keys:" + index + ":revoke");
      browser.click("list:confirmRevoke");
      browser.expectMessage("API key Warehouse sync " + run + " revoked");
      assertTrue(
          browser.driver.findElements(By.id("list:keys:" + index + ":revoke")).isEmpty(),
          "a revoked key has no Revoke button");
      browser.screenshot("31-api-keys");
      assertRefused(bearer("GET", "api/providers", shown, null));

      browser.signOut();
      signIn(browser, viewer, "viewer-password");
      browser.open("admin/keys.xhtml");
      assertTrue(keyRow(browser, "Warehouse sync " + run).isDisplayed());
      assertTrue(browser.driver.findElements(By.id("create:submit")).isEmpty());
      assertTrue(browser.driver.findElements(By.cssSelector("[id$=':revoke']")).isEmpty());
      browser.screenshot("32-api-keys-viewer");

      browser.click("apiReference");
      assertTrue(browser.driver.getCurrentUrl().endsWith("/api-docs/"));
      browser.waitForText(By.cssSelector(".info .title"), "mailhub API", () -> "Swagger UI");
    }
  }

  @Test
  @Order(8)
  void theApiReferenceShowsMailhubsOwnDocumentAndTriesCallsWithEitherCredential() throws Exception {
    HttpResponse<String> moved = Mailhub.get("api-docs");
    assertEquals(302, moved.statusCode());
    HttpResponse<String> page = Mailhub.get("api-docs/");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("initializer.js"), page.body());
    JsonObject document = Mailhub.json(Mailhub.get("openapi?format=JSON"));
    JsonObject scheme =
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .getJsonObject("bearerAuth");
    assertEquals("bearer", scheme.getString("scheme"), scheme.toString());
    assertEquals(
        "createApiKey",
        document
            .getJsonObject("paths")
            .getJsonObject("/api/keys")
            .getJsonObject("post")
            .getString("operationId"));

    String tryKey = create("Try it out " + run, "VIEWER").getString("key");
    try (Browser browser = new Browser()) {
      browser.open("api-docs/");
      browser.waitForText(By.cssSelector(".info .title"), "mailhub API", () -> "Swagger UI");
      assertFalse(browser.driver.getPageSource().contains("Petstore"));
      assertTrue(browser.element("operations-API_keys-listApiKeys").isDisplayed());
      browser.screenshot("33-api-reference");

      browser.click(By.cssSelector("#operations-API_keys-listApiKeys .opblock-summary-control"));
      browser.click(By.cssSelector("#operations-API_keys-listApiKeys .try-out__btn"));
      assertEquals("401", execute(browser), "no credentials yet");
      browser.js(
          "window.ui.preauthorizeBasic('basicAuth', arguments[0], arguments[1])",
          Mailhub.ADMIN,
          Mailhub.ADMIN_PASSWORD);
      assertEquals("200", execute(browser), "with a user's name and password");
      browser.js("window.ui.authActions.logout(['basicAuth'])");
      browser.js("window.ui.preauthorizeApiKey('bearerAuth', arguments[0])", tryKey);
      assertEquals("200", execute(browser), "with an API key");
      browser.screenshot("34-api-reference-tried");
    }
    assertTrue(
        listed(Mailhub.get("api/keys"), "Try it out " + run).containsKey("lastUsedAt"),
        "the API reference sent the key");
  }

  /**
   * Executes the open operation in Swagger UI, after clearing the answer before, and answers the
   * status it shows.
   */
  private static String execute(Browser browser) {
    By status =
        By.cssSelector(
            "#operations-API_keys-listApiKeys .live-responses-table tbody .response-col_status");
    By clear = By.cssSelector("#operations-API_keys-listApiKeys .btn-clear");
    if (!browser.driver.findElements(clear).isEmpty()) {
      browser.click(clear);
      browser.waitUntil(
          () -> browser.driver.findElements(status).isEmpty(), () -> "the answer stays");
    }
    browser.click(By.cssSelector("#operations-API_keys-listApiKeys .execute"));
    browser.waitUntil(
        () -> !browser.driver.findElements(status).isEmpty(), () -> "no answer in Swagger UI");
    return browser.driver.findElement(status).getText().strip().split("\\s+")[0];
  }

  private static void signIn(Browser browser, String user, String password) {
    browser.open("admin/login.xhtml");
    browser.type("signIn:username", user);
    browser.type("signIn:password", password);
    browser.click("signIn:submit");
    assertTrue(browser.text("account:signedIn").contains(user), browser.text("account:signedIn"));
  }

  private static org.openqa.selenium.WebElement keyRow(Browser browser, String name) {
    return browser
        .element("list:keys")
        .findElement(By.xpath(".//tr[.//span[@class='mh-nickname' and text()='" + name + "']]"));
  }

  private static void assertRefused(HttpResponse<String> answer) {
    assertEquals(401, answer.statusCode(), answer.body());
    assertEquals("UNAUTHORIZED", Mailhub.json(answer).getString("code"));
    assertTrue(
        answer
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .startsWith("Bearer realm=\"mailhub\""),
        answer.headers().map().toString());
  }

  private static JsonObject create(String name, String role) {
    HttpResponse<String> created =
        Mailhub.post("api/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
    assertEquals(201, created.statusCode(), created.body());
    return Mailhub.json(created);
  }

  /** The key with this name in the list's first page. */
  private static JsonObject listed(HttpResponse<String> list, String name) {
    return Mailhub.json(list).getJsonArray("items").stream()
        .map(v -> v.asJsonObject())
        .filter(k -> k.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no key " + name + " in " + list.body()));
  }

  private static HttpResponse<String> bearer(String method, String path, String key, String json) {
    return Mailhub.call(method, path, "Bearer " + key, json);
  }
}
