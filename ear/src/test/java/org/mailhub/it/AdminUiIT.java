package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
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
      new GreenMailExtension(
              new ServerSetup(Mailhub.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("pm-ui-token", "pm-ui-token"))
          .withPerMethodLifecycle(false);

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
        fieldMessage("provider:endpoint"),
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
    browser.type("provider:fromAddress", "news@acme.example");
    browser.select("provider:preferenceMode", "Custom URL");
    browser.type("provider:preferenceUrl", "https://acme.example/preferences");
    browser.screenshot("03-provider-generic-http");
    browser.click("provider:save");
    browser.expectMessage("Provider HTTP " + run + " added");

    browser.click("list:addProvider");
    browser.select("provider:type", "Postmark (SMTP)");
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

    rowAction("SMTP " + run, "markDefault");
    browser.expectMessage("SMTP " + run + " is now the default");
    assertTrue(row("SMTP " + run).getText().contains("default"), row("SMTP " + run).getText());
  }

  @Test
  @Order(4)
  void sendsTestEmailsAndSeesTheProvidersOwnError() throws Exception {
    rowAction("SMTP " + run, "test");
    browser.type("test:to", "ui-test@example.com");
    browser.click("test:send");
    browser.waitForText(By.id("test:outcome"), "Test email sent through SMTP " + run);
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
    rowAction("Netcore " + run, "test");
    browser.type("test:to", "ui-test@example.com");
    browser.click("test:send");
    browser.waitForText(By.id("test:outcome"), "failed 401");
    String outcome = browser.text("test:outcome");
    assertTrue(outcome.contains("1001"), outcome);
    assertTrue(outcome.contains("Invalid api_key"), outcome);
    browser.screenshot("07-test-email-failed");
    browser.js("PF('testDialog').hide()");
    esp.answer(200, "{}");
  }

  @Test
  @Order(10)
  void addsAViewerWhoCanOnlyRead() throws Exception {
    browser.open("admin/users.xhtml");
    browser.type("add:username", "viewer-" + run);
    browser.type("add:password", "short");
    browser.click("add:submit");
    assertEquals("must have at least 10 characters", fieldMessage("add:password"));
    browser.type("add:password", "viewer-password-" + run);
    browser.select("add:role", "viewer");
    browser.click("add:submit");
    browser.expectMessage("User viewer-" + run + " added as viewer");
    browser.screenshot("20-users");

    browser.click("account:signOut");
    browser.open("admin/providers.xhtml");
    browser.type("signIn:username", "viewer-" + run);
    browser.type("signIn:password", "viewer-password-" + run);
    browser.click("signIn:submit");
    assertTrue(row("SMTP " + run).isDisplayed());
    assertTrue(browser.driver.findElements(By.id("list:addProvider")).isEmpty());
    assertFalse(browser.driver.getPageSource().contains("Mark as default"));
    browser.screenshot("21-viewer-providers");
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

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message shown next to an input. */
  private String fieldMessage(String inputId) {
    return browser
        .element(inputId)
        .findElement(By.xpath("following::*[contains(@class,'ui-message')][1]"))
        .getText()
        .strip();
  }
}
