package org.mailhub.esp.smtp;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The {@code text/plain} alternative of an HTML email: its text in reading order, blocks on lines
 * of their own, list items with a dash, and each link followed by its address, so that a reader of
 * the text part can still follow it. Spam filters score HTML without a text alternative
 * (SpamAssassin's MIME_HTML_ONLY), and some readers show only the text.
 */
final class PlainText {

  /** Elements after which the text goes on after a blank line rather than on the next line. */
  private static final Set<String> PARAGRAPHS =
      Set.of(
          "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr");

  private static final Set<String> HIDDEN = Set.of("script", "style", "head", "title", "template");

  private PlainText() {}

  static String of(String html) {
    StringBuilder text = new StringBuilder();
    Jsoup.parse(html == null ? "" : html).body().traverse(new Writer(text));
    return tidy(text.toString());
  }

  private static final class Writer implements NodeVisitor {
    private final StringBuilder text;
    private int hidden;
    private int preformatted;

    Writer(StringBuilder text) {
      this.text = text;
    }

    @Override
    public void head(Node node, int depth) {
      if (node instanceof Element element) {
        String name = element.normalName();
        if (HIDDEN.contains(name)) {
          hidden++;
        } else if (name.equals("pre")) {
          preformatted++;
        }
        if (hidden > 0) {
          return;
        }
        switch (name) {
          case "br" -> text.append('\n');
          case "li" -> line().append("- ");
          case "img" -> text.append(element.attr("alt"));
          case "td", "th" -> text.append(' ');
          default -> {
            if (PARAGRAPHS.contains(name)) {
              paragraph();
            } else if (element.isBlock()) {
              line();
            }
          }
        }
      } else if (node instanceof TextNode words && hidden == 0) {
        text.append(preformatted > 0 ? words.getWholeText() : words.text());
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (!(node instanceof Element element)) {
        return;
      }
      String name = element.normalName();
      if (HIDDEN.contains(name)) {
        hidden--;
        return;
      }
      if (hidden > 0) {
        return;
      }
      if (name.equals("pre")) {
        preformatted--;
      }
      if (name.equals("a")) {
        String href = element.attr("href").strip();
        boolean followable =
            href.startsWith("http://") || href.startsWith("https://") || href.startsWith("mailto:");
        if (followable && !element.text().strip().equals(href)) {
          text.append(" (").append(href).append(')');
        }
      } else if (PARAGRAPHS.contains(name)) {
        paragraph();
      } else if (name.equals("td") || name.equals("th")) {
        text.append(' ');
      } else if (element.isBlock() && !name.equals("br")) {
        line();
      }
    }

    /** Goes on on a new line, unless the text is at the start of one already. */
    private StringBuilder line() {
      int end = text.length();
      while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
        end--;
      }
      if (end > 0 && text.charAt(end - 1) != '\n') {
        text.append('\n');
      }
      return text;
    }

    /** Goes on after a blank line. */
    private void paragraph() {
      line();
      text.append('\n');
    }
  }

  /** Lines without space at either end, at most one blank line in a row. */
  private static String tidy(String text) {
    StringBuilder result = new StringBuilder();
    int blank = 0;
    for (String line : text.split("\n", -1)) {
      String stripped = line.replaceAll("[ \\t\\u00a0]+", " ").strip();
      if (stripped.isEmpty()) {
        blank++;
        continue;
      }
      if (!result.isEmpty()) {
        result.append(blank > 0 ? "\n\n" : "\n");
      }
      result.append(stripped);
      blank = 0;
    }
    return result.append('\n').toString();
  }
}
