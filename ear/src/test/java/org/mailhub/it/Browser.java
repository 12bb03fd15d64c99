package org.mailhub.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person at a laptop: Debian's headless Chromium driven through its ChromeDriver (never a
 * downloaded browser), with a screenshot of each page under target/screenshots.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = System.getProperty("chromium", "/usr/bin/chromium");
  private static final String DRIVER = System.getProperty("chromedriver", "/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final WebDriverWait wait;

  Browser() throws IOException {
    if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
      throw new IllegalStateException(
          "The browser tests need Debian's chromium and chromium-driver ("
              + CHROMIUM
              + ", "
              + DRIVER
              + "): apt-get install chromium chromium-driver");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--user-data-dir=" + Files.createTempDirectory("mailhub-chromium"));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    Files.createDirectories(SCREENSHOTS);
  }

  void open(String path) {
    driver.get(Mailhub.BASE.resolve(path).toString());
    settle();
  }

  WebElement element(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /**
   * Types into the input and waits until it holds exactly this text: an Ajax answer that re-renders
   * the form in between replaces the input, so it is typed again.
   */
  void type(String id, String text) {
    wait.until(
        d -> {
          WebElement input = element(id);
          input.clear();
          input.sendKeys(text);
          return text.equals(input.getDomProperty("value"));
        });
  }

  void click(String id) {
    click(By.id(id));
  }

  void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    settle();
  }

  /**
   * Signs out and waits for the sign-in page: a page opened before the sign-out's navigation ended
   * could be replaced by it.
   */
  void signOut() {
    click("account:signOut");
    wait.until(ExpectedConditions.urlContains("login.xhtml"));
    settle();
  }

  /**
   * Chooses the option with this label in a PrimeFaces select menu, the way the widget does on a
   * click (its change event, with the Ajax behaviour it triggers). Clicking the overlay list was
   * unreliable in headless Chromium for menus far down the page.
   */
  void select(String id, String label) {
    element(id);
    Object found =
        js(
            "var options = document.getElementById(arguments[0] + '_input').options;"
                + " var option = Array.from(options).find(o => o.text === arguments[1]);"
                + " if (!option) { return false; }"
                + " var widget = Object.values(PrimeFaces.widgets).find(w => w.id === arguments[0]);"
                + " widget.selectValue(option.value); widget.triggerChange(); return true;",
            id,
            label);
    if (!Boolean.TRUE.equals(found)) {
      throw new AssertionError(id + " has no option " + label);
    }
    settle();
  }

  String text(String id) {
    return element(id).getText();
  }

  /** The message shown next to an input. */
  String fieldMessage(String inputId) {
    return element(inputId)
        .findElement(By.xpath("following::*[contains(@class,'ui-message')][1]"))
        .getText()
        .strip();
  }

  /** The messages at the top of the page. */
  String messages() {
    return driver.findElement(By.id("messages")).getText();
  }

  /** Fails unless the messages at the top of the page say this, naming what the page shows. */
  void expectMessage(String text) {
    String shown = messages();
    if (!shown.contains(text)) {
      String errors =
          driver.findElements(By.cssSelector(".ui-message-error, .ui-messages-error")).stream()
              .map(WebElement::getText)
              .toList()
              .toString();
      throw new AssertionError(
          "expected the message \"" + text + "\" but the page shows " + shown + " " + errors);
    }
  }

  /**
   * Waits for the text in the element; when it does not come, fails with what the page shows
   * instead and with {@code context} (what the peers saw), first in the message.
   */
  void waitForText(By by, String text, java.util.function.Supplier<String> context) {
    waitUntil(
        () -> ExpectedConditions.textToBePresentInElementLocated(by, text).apply(driver),
        () -> "no \"" + text + "\" in " + by + "; " + context.get());
  }

  /** Waits for the condition; when it does not hold in time, fails with {@code context} first. */
  void waitUntil(
      java.util.function.Supplier<Boolean> condition, java.util.function.Supplier<String> context) {
    try {
      wait.until(d -> condition.get());
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(context.get() + "; the page shows: " + pageMessages(), e);
    }
  }

  /** The messages at the top of the page and next to inputs, never failing. */
  private String pageMessages() {
    try {
      return driver
          .findElements(By.cssSelector("#messages, .ui-message, .ui-messages, .mh-outcome"))
          .stream()
          .map(WebElement::getText)
          .filter(t -> !t.isBlank())
          .toList()
          .toString();
    } catch (RuntimeException e) {
      return "(unreadable: " + e + ")";
    }
  }

  void screenshot(String name) throws IOException {
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /**
   * Waits until the page has loaded and no PrimeFaces Ajax request is pending; turns jQuery's
   * animations off, so that a click never lands on a menu that is still fading in.
   */
  void settle() {
    wait.until(
        d ->
            Boolean.TRUE.equals(
                js(
                    "if (window.jQuery) { jQuery.fx.off = true; }"
                        + " return document.readyState === 'complete' && (!window.PrimeFaces"
                        + " || PrimeFaces.ajax.Queue.isEmpty());")));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
