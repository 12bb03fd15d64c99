package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A marketer works in the admin UI with a real (headless) browser: signs in, connects one provider
 * of each kind, tests them, sends a small campaign and reads what happened. Each step leaves a
 * screenshot under target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiIT {

  @RegisterExtension
  static final GreenMailExtension SMTP =
      Mailhub.smtpServer("pm-ui-token").withPerMethodLifecycle(false);

  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private Browser browser;
  private RecordingEsp esp;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeAll
  void start() throws Exception {
    browser = new Browser();
    esp = new RecordingEsp();
  }

  /** What the page looked like when a step ended, failed or not. */
  @org.junit.jupiter.api.AfterEach
  void lastLook(org.junit.jupiter.api.TestInfo test) throws Exception {
    browser.screenshot("after-" + test.getTestMethod().orElseThrow().getName());
  }

  @AfterAll
  void stop() {
    browser.close();
    esp.close();
  }

  @Test
  @Order(1)
  void signsInAfterAMistypedPassword() throws Exception {
    browser.open("admin/providers.xhtml");
    assertTrue(browser.driver.getCurrentUrl().contains("/admin/login.xhtml"));
    browser.type("signIn:username", Mailhub.ADMIN);
    browser.type("signIn:password", "not my password");
    browser.click("signIn:submit");
    browser.expectMessage("Wrong user name or password");
    browser.screenshot("01-sign-in");

    browser.type("signIn:username", Mailhub.ADMIN);
    browser.type("signIn:password", Mailhub.ADMIN_PASSWORD);
    browser.click("signIn:submit");
    assertTrue(
        browser.driver.getCurrentUrl().endsWith("/admin/providers.xhtml"),
        browser.driver.getCurrentUrl());
    assertTrue(browser.text("account:signedIn").contains(Mailhub.ADMIN));
  }

  @Test
  @Order(2)
  void connectsOneProviderOfEachKind() throws Exception {
    browser.click("list:addProvider");
    browser.type("provider:nickname", "Netcore " + run);
    browser.type("provider:endpoint", "ftp://not-http");
    browser.type("provider:apiKey", "nc-ui-key");
    browser.type("provider:fromName", "Acme News");
    browser.type("provider:fromAddress", "news@acme.example");
    browser.click("provider:save");
    assertEquals(
        "must start with http:// or https://",
        browser.fieldMessage("provider:endpoint"),
        browser.driver.getPageSource());
    browser.screenshot("02-provider-validation-error");
    browser.type("provider:endpoint", esp.url("/v6/mail/send"));
    browser.type("provider:apiKey", "nc-ui-key");
    browser.click("provider:save");
    browser.expectMessage("Provider Netcore " + run + " added");

    browser.click("list:addProvider");
    browser.select("provider:type", "Generic HTTP");
    browser.type("provider:nickname", "HTTP " + run);
    browser.type("provider:endpoint", esp.url("/send"));
    browser.click("provider:addHeader");
    browser.type("provider:headerRows:0:headerName", "X-Campaign");
    browser.type("provider:headerRows:0:headerValue", "$$hid");
    browser.click(By.cssSelector("[id='provider:batch'] .ui-chkbox-box"));
    browser.type("provider:batchParameter", "to");
    browser.type("provider:batchInstances", "50");
    // one request carries a "to" array, so the offered meta row cannot be per recipient: left out
    assertEquals(
        "$$Meta",
        browser.element("provider:parameterRows:5:parameterValue").getDomProperty("value"));
    browser.type("provider:parameterRows:5:parameterName", "");
    browser.type("provider:fromAddress", "news@acme.example");
    browser.select("provider:preferenceMode", "Custom URL");
    browser.type("provider:preferenceUrl", "https://acme.example/preferences");
    browser.screenshot("03-provider-generic-http");
    browser.click("provider:save");
    browser.expectMessage("Provider HTTP " + run + " added");
    browser.expectMessage("The template has no $$Meta");
    browser.expectMessage("The template has no $$UnsubscribeURL");

    browser.click("list:addProvider");
    // each type has its own fields: switching replaces them, there and back
    browser.select("provider:type", "Generic SMTP");
    assertTrue(present("provider:dkimDomain"));
    assertFalse(present("provider:endpoint"));
    browser.select("provider:type", "Netcore Cloud API");
    assertEquals(
        "https://emailapi.netcorecloud.net/v6/mail/send",
        browser.element("provider:endpoint").getDomProperty("value"));
    assertFalse(present("provider:host"));
    browser.select("provider:type", "Postmark (SMTP)");
    assertFalse(present("provider:dkimDomain"));
    assertFalse(present("provider:endpoint"));
    browser.type("provider:nickname", "Postmark " + run);
    browser.type("provider:apiKey", "pm-ui-token");
    browser.type("provider:host", "127.0.0.1");
    browser.type("provider:port", String.valueOf(SMTP.getSmtp().getPort()));
    browser.select("provider:security", "None (trusted networks only)");
    browser.type("provider:fromAddress", "news@acme.example");
    browser.click("provider:save");
    browser.expectMessage("Provider Postmark " + run + " added");

    browser.click("list:addProvider");
    browser.select("provider:type", "Generic SMTP");
    browser.type("provider:nickname", "SMTP " + run);
    browser.type("provider:host", "127.0.0.1");
    browser.type("provider:port", String.valueOf(SMTP.getSmtp().getPort()));
    browser.select("provider:security", "None (trusted networks only)");
    browser.type("provider:fromAddress", "news@acme.example");
    browser.select("provider:preferenceMode", "mailhub preference center");
    browser.click("provider:save");
    browser.expectMessage("Provider SMTP " + run + " added");
    for (String kind : List.of("Netcore", "HTTP", "Postmark", "SMTP")) {
      WebElement row = row(kind + " " + run);
      assertTrue(
          row.findElement(By.cssSelector("input.mh-code"))
              .getDomAttribute("value")
              .contains("/callbacks/"),
          kind);
    }
    browser.screenshot("04-providers");
  }

  @Test
  @Order(3)
  void editsSettingsAndMarksADefault() throws Exception {
    rowAction("SMTP " + run, "edit");
    assertEquals(
        String.valueOf(SMTP.getSmtp().getPort()),
        browser.element("provider:port").getDomProperty("value"));
    assertTrue(
        browser.element("provider:callbackUrl").getDomProperty("value").contains("/callbacks/"));
    browser.type("provider:fromName", "Acme Letters");
    browser.screenshot("05-provider-edit");
    browser.click("provider:save");
    browser.expectMessage("Email settings updated successfully");
    assertTrue(row("SMTP " + run).getText().contains("Acme Letters"));

    rowAction("Postmark " + run, "edit");
    assertEquals(
        "stored •••• (leave empty to keep)",
        browser.element("provider:apiKey").getDomAttribute("placeholder"));
    assertEquals("", browser.element("provider:apiKey").getDomProperty("value"));
    assertEquals("127.0.0.1", browser.element("provider:host").getDomProperty("value"));
    browser.type("provider:messageStream", "newsletters");
    browser.click("provider:save");
    browser.expectMessage("Email settings updated successfully");
    assertEquals(
        "newsletters",
        Mailhub.items(Mailhub.get("api/providers?size=1000")).stream()
            .map(v -> v.asJsonObject())
            .filter(p -> p.getString("nickname").equals("Postmark " + run))
            .findFirst()
            .orElseThrow()
            .getJsonObject("settings")
            .getString("messageStream"));

    rowAction("SMTP " + run, "markDefault");
    browser.expectMessage("SMTP " + run + " is now the default");
    assertTrue(row("SMTP " + run).getText().contains("default"), row("SMTP " + run).getText());
  }

  @Test
  @Order(4)
  void sendsTestEmailsAndSeesTheProvidersOwnError() throws Exception {
    openTestDialog("SMTP " + run);
    browser.type("test:to", "ui-test@example.com");
    browser.click("test:send");
    browser.waitForText(
        By.id("test:outcome"), "Test email sent through SMTP " + run, () -> "SMTP test email");
    browser.screenshot("06-test-email-sent");
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertTrue(
        List.of(received).stream()
            .anyMatch(m -> subject(m).contains("mailhub test email from SMTP " + run)),
        "GreenMail received the test email");
    browser.js("PF('testDialog').hide()");

    esp.answer(
        401,
        "{\"error\":[{\"message\":\"Invalid api_key\",\"code\":\"1001\"}],\"status\":\"error\"}");
    openTestDialog("Netcore " + run);
    browser.type("test:to", "ui-test@example.com");
    browser.click("test:send");
    browser.waitForText(
        By.id("test:outcome"), "failed 401", () -> "the ESP received " + esp.paths());
    String outcome = browser.text("test:outcome");
    assertTrue(outcome.contains("1001"), outcome);
    assertTrue(outcome.contains("Invalid api_key"), outcome);
    browser.screenshot("07-test-email-failed");
    browser.js("PF('testDialog').hide()");
    esp.answer(200, "{}");
  }

  @Test
  @Order(5)
  void importsProfilesFromACsvFile() throws Exception {
    java.nio.file.Path csv = java.nio.file.Files.createTempFile("profiles", ".csv");
    java.nio.file.Files.writeString(
        csv,
        "email,name\n"
            + recipient(1)
            + ",Ana\n"
            + recipient(2)
            + ",Bo\n"
            + recipient(3)
            + ",Cy\nnot-an-address,Nobody\n");
    browser.open("admin/profiles.xhtml");
    browser.driver.findElement(By.id("upload:csvFile")).sendKeys(csv.toString());
    browser.click("upload:import");
    browser.expectMessage("Imported: 3 created, 0 updated, 1 rejected");
    assertTrue(browser.text("report:rejections").contains("not-an-address"));
    browser.screenshot("08-profiles-imported");
  }

  @Test
  @Order(6)
  void createsAndLaunchesACampaignAndWatchsItFinish() throws Exception {
    browser.open("admin/campaigns.xhtml");
    browser.click("newCampaign");
    browser.type("campaign:name", "Spring " + run);
    browser.select("campaign:provider", "HTTP " + run);
    browser.type("campaign:subject", "Hello {{profile.name}}");
    browser.type("campaign:html", "<p>Hi {{profile.name | \"friend\"}}</p>");
    browser.click(By.cssSelector("label[for='campaign:audienceType:1']"));
    browser.type("campaign:emails", String.join("\n", recipient(1), recipient(2), recipient(3)));
    browser.click("campaign:saveAndLaunch");
    assertEquals("Give $$hid a value", browser.fieldMessage("campaign:values:0:placeholder"));
    browser.type("campaign:values:0:placeholder", "H-" + run);
    browser.screenshot("09-campaign-new");
    browser.click("campaign:saveAndLaunch");
    browser.expectMessage("Campaign Spring " + run + " launched");

    browser.waitUntil(
        () -> {
          browser.open("admin/campaigns.xhtml");
          return campaignRow("Spring " + run).getText().contains("SENT");
        },
        () ->
            "campaign "
                + Mailhub.get("api/campaigns/" + campaignId()).body()
                + ", the ESP received "
                + esp.paths());
    browser.screenshot("10-campaigns");
    List<RecordingEsp.Request> sent =
        esp.received().stream().filter(r -> ("H-" + run).equals(r.header("X-Campaign"))).toList();
    for (int n = 1; n <= 3; n++) {
      String address = recipient(n);
      assertEquals(
          1,
          sent.stream().filter(r -> r.body().contains(address)).count(),
          "sent once: " + address);
    }
    assertTrue(
        esp.received().stream().anyMatch(r -> r.body().contains("Hello Ana")),
        "personalised subject at the ESP");
    assertEquals(
        "H-" + run,
        esp.received().stream()
            .filter(r -> r.body().contains("Hello Ana"))
            .findFirst()
            .orElseThrow()
            .header("X-Campaign"));
  }

  @Test
  @Order(7)
  void readsTheReportAndSeesABounceBecomeASuppression() throws Exception {
    long campaign = campaignId();
    var sends = Mailhub.items(Mailhub.get("api/campaigns/" + campaign + "/sends"));
    var bounced =
        sends.stream()
            .map(v -> v.asJsonObject())
            .filter(send -> send.getString("email").equals(recipient(2)))
            .findFirst()
            .orElseThrow();
    var provider =
        Mailhub.items(Mailhub.get("api/providers?size=1000")).stream()
            .map(v -> v.asJsonObject())
            .filter(p -> p.getString("nickname").equals("HTTP " + run))
            .findFirst()
            .orElseThrow();
    var callback =
        Mailhub.post(
            java.net.URI.create(provider.getString("callbackUrl")).getPath().substring(1),
            "{\"version\": \"v2\", \"events\": {\"failed\": [{\"type\": \"hard_bounce\","
                + " \"email\": \""
                + recipient(2)
                + "\", \"meta\": \""
                + bounced.getString("meta")
                + "\", \"description\": \"550 mailbox unknown\"}]}}");
    assertEquals(200, callback.statusCode(), callback.body());

    browser.click(
        By.id(
            "list:campaigns:"
                + campaignRow("Spring " + run).getDomAttribute("data-ri")
                + ":report"));
    assertEquals("3", browser.text("stat-sent"), () -> "sends: " + sends + ", ESP: " + esp.paths());
    assertEquals("1", browser.text("stat-hard_bounce"));
    assertEquals("1", browser.text("stat-unsubscribed"));
    assertTrue(browser.element("chart").isDisplayed());
    String csvLink =
        browser.element("exportCsv").findElement(By.tagName("a")).getDomAttribute("href");
    assertTrue(csvLink.endsWith("/api/campaigns/" + campaign + "/report.csv"), csvLink);
    String csv = Mailhub.get(csvLink.substring(1)).body();
    assertTrue(csv.lines().anyMatch(l -> l.startsWith(recipient(2) + ",")), csv);
    assertEquals(4, csv.lines().count(), csv);
    browser.screenshot("11-report");

    browser.open("admin/suppressions.xhtml");
    browser.type("list:search", recipient(2));
    browser.click("list:searchButton");
    String table = browser.text("list:suppressions");
    assertTrue(table.contains(recipient(2)), table);
    assertTrue(table.contains("Hard bounce"), table);
    browser.type("new:newEmail", "manual-" + run + "@example.com");
    browser.click("new:add");
    browser.expectMessage("manual-" + run + "@example.com suppressed");
    browser.screenshot("12-suppressions");
  }

  @Test
  @Order(10)
  void addsAViewerWhoCanOnlyRead() throws Exception {
    browser.open("admin/users.xhtml");
    browser.type("add:username", "viewer-" + run);
    browser.type("add:password", "short");
    browser.click("add:submit");
    assertEquals("must have at least 10 characters", browser.fieldMessage("add:password"));
    browser.type("add:password", "viewer-password-" + run);
    browser.select("add:role", "viewer");
    browser.click("add:submit");
    browser.expectMessage("User viewer-" + run + " added as viewer");
    browser.screenshot("20-users");

    browser.signOut();
    browser.open("admin/providers.xhtml");
    browser.type("signIn:username", "viewer-" + run);
    browser.type("signIn:password", "viewer-password-" + run);
    browser.click("signIn:submit");
    assertTrue(row("SMTP " + run).isDisplayed());
    assertTrue(browser.driver.findElements(By.id("list:addProvider")).isEmpty());
    assertFalse(browser.driver.getPageSource().contains("Mark as default"));
    browser.screenshot("21-viewer-providers");

    browser.open("admin/users.xhtml");
    browser.type("own:current", "viewer-password-" + run);
    browser.type("own:newPassword", "viewer-changed-" + run);
    browser.click("own:change");
    browser.expectMessage("Your password is changed");
  }

  private String recipient(int n) {
    return "ui-" + run + "-" + n + "@example.com";
  }

  private long campaignId() {
    return Mailhub.items(Mailhub.get("api/campaigns?size=1000")).stream()
        .map(v -> v.asJsonObject())
        .filter(c -> c.getString("name").equals("Spring " + run))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("id")
        .longValue();
  }

  private WebElement campaignRow(String name) {
    return browser
        .element("list:campaigns")
        .findElement(By.xpath(".//tr[.//*[contains(text(), '" + name + "')]]"));
  }

  /** Whether the page has an element with this id now. */
  private boolean present(String id) {
    return !browser.driver.findElements(By.id(id)).isEmpty();
  }

  /** The table row of the provider with this nickname. */
  private WebElement row(String nickname) {
    return browser
        .element("list:providers")
        .findElement(
            By.xpath(".//tr[.//span[@class='mh-nickname' and text()='" + nickname + "']]"));
  }

  private void rowAction(String nickname, String action) {
    if (!browser.driver.getCurrentUrl().endsWith("/admin/providers.xhtml")) {
      browser.open("admin/providers.xhtml");
    }
    String index = row(nickname).getDomAttribute("data-ri");
    browser.click("list:providers:" + index + ":actions_button");
    browser.click("list:providers:" + index + ":" + action);
  }

  /**
   * Opens the test dialog of this provider and waits until the Ajax answer has re-rendered it for
   * this provider, without the last outcome: typing into the form it replaces would be lost or
   * appended to the address kept from the last test.
   */
  private void openTestDialog(String nickname) {
    rowAction(nickname, "test");
    browser.waitUntil(
        () ->
            browser.text("test").contains("One real email through " + nickname)
                && !present("test:outcome"),
        () -> "the test dialog for " + nickname);
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(11)
  void aSignedInBrowserCannotBeMadeToChangeAnythingThroughTheApi() {
    browser.signOut();
    browser.open("admin/providers.xhtml");
    browser.type("signIn:username", Mailhub.ADMIN);
    browser.type("signIn:password", Mailhub.ADMIN_PASSWORD);
    browser.click("signIn:submit");
    assertTrue(browser.text("account:signedIn").contains(Mailhub.ADMIN));
    String victim = "csrf-" + run + "@example.com";
    String body = "{\"email\": \"" + victim + "\", \"reason\": \"UNSUBSCRIBED\"}";
    // what another site's script or form could make this signed-in browser send
    for (String path :
        java.util.List.of("/api/suppressions", "/api;x/suppressions", "/api%2Fsuppressions")) {
      for (String type : java.util.List.of("application/json", "text/plain")) {
        Object answer =
            browser.js(
                "var x = new XMLHttpRequest(); x.open('POST', arguments[0], false);"
                    + " x.setRequestHeader('Content-Type', arguments[1]); x.send(arguments[2]);"
                    + " return x.status + ' ' + (x.getResponseHeader('WWW-Authenticate') || '');",
                path,
                type,
                body);
        assertTrue(
            String.valueOf(answer).matches("40[0-9] "),
            path + " " + type + ": " + answer + " (refused, and no Basic challenge)");
      }
    }
    assertEquals(404, Mailhub.get("api/suppressions/" + victim).statusCode(), "nothing was added");
    Object read =
        browser.js(
            "var x = new XMLHttpRequest(); x.open('GET', '/api/suppressions', false); x.send();"
                + " return x.status;");
    assertEquals(200L, read, "the session still reads the API (the UI's CSV links)");
  }
}
