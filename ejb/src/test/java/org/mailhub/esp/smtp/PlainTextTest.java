package org.mailhub.esp.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void blocksBecomeLinesAndParagraphsBlankLineSeparated() {
    assertEquals(
        "Big sale\n\nEverything must go.\nToday only.\n\n- shoes\n- hats\n\nBye\n",
        PlainText.of(
            "<h1>Big   sale</h1><p>Everything\n must go.<br>Today only.</p>"
                + "<ul><li>shoes</li><li>hats</li></ul><div>Bye</div>"));
  }

  @Test
  void linksKeepTheirAddressUnlessTheTextIsTheAddress() {
    assertEquals(
        "Read the news (https://acme.example/n) or https://acme.example/ or mail us"
            + " (mailto:help@acme.example) or top\n",
        PlainText.of(
            "<p><a href=\"https://acme.example/n\">Read the news</a> or"
                + " <a href=\"https://acme.example/\">https://acme.example/</a> or"
                + " <a href=\"mailto:help@acme.example\">mail us</a> or <a href=\"#top\">top</a></p>"));
  }

  @Test
  void scriptsStylesAndTitlesAreNotText() {
    assertEquals(
        "Hi Ana 🎉\n",
        PlainText.of(
            "<html><head><title>T</title><style>p{}</style></head><body><script>x()</script>"
                + "<p>Hi&nbsp;Ana <img src=\"x.png\" alt=\"🎉\"></p></body></html>"));
  }

  @Test
  void tablesReadRowByRow() {
    assertEquals(
        "Item Price\nHat 10 €\n",
        PlainText.of(
            "<table><tr><th>Item</th><th>Price</th></tr><tr><td>Hat</td><td>10 &euro;</td></tr>"
                + "</table>"));
  }

  @Test
  void nothingBecomesAnEmptyText() {
    assertEquals("\n", PlainText.of(""));
  }
}
