package org.mailhub.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailhub.infrastructure.Jsons;

/** What every {@link SettingsForm}'s test checks the same way. */
public final class FormChecks {

  private static final Pattern INCLUDE = Pattern.compile("<ui:include src=\"([^\"#]+)\"");

  private FormChecks() {}

  public static JsonObject json(String text) {
    try (var reader = Jsons.JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** The form's settings are what its type's settings record takes, keys and JSON types. */
  public static void assertTakenByTheRecord(SettingsForm form) {
    JsonObject settings = form.settings();
    assertEquals(
        List.of(),
        SettingsShape.of(form.type(), ProviderSchemasTest.settingsType(form.type()))
            .problems(settings),
        settings.toString());
  }

  /** Each input that {@link SettingsForm#inputs()} names is in the form's fragment. */
  public static void assertInputsInTheFragment(SettingsForm form) throws IOException {
    String page = fragment(form.fragment());
    form.inputs()
        .forEach(
            (field, input) ->
                assertTrue(
                    page.contains("id=\"" + input + "\""),
                    field + ": no input " + input + " in " + form.fragment()));
  }

  /** The fragment with the fragments it includes. */
  private static String fragment(String path) throws IOException {
    String page = Files.readString(Path.of("src/main/webapp" + path));
    StringBuilder all = new StringBuilder(page);
    Matcher include = INCLUDE.matcher(page);
    while (include.find()) {
      all.append(fragment(include.group(1)));
    }
    return all.toString();
  }

  /** The form after a trip through Java serialization, as a view-scoped bean may take. */
  @SuppressWarnings("unchecked")
  public static <T extends SettingsForm> T serialized(T form) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(form);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
