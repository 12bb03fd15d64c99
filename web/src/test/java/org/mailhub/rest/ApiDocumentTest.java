package org.mailhub.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mailhub.campaign.Audience;
import org.mailhub.provider.PreferenceCenter;

class ApiDocumentTest {

  @Test
  void theDocumentsEnumsNamedInTheConfigurationHaveTheJavaEnumsValues() throws IOException {
    Properties config = new Properties();
    try (InputStream in =
        ApiDocumentTest.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      config.load(in);
    }

    assertEquals(names(Audience.Type.values()), documented(config, Audience.Type.class));
    assertEquals(
        names(PreferenceCenter.Mode.values()), documented(config, PreferenceCenter.Mode.class));
  }

  private static List<String> documented(Properties config, Class<?> type) {
    String schema = config.getProperty("mp.openapi.schema." + type.getName());
    try (var reader = Json.createReader(new StringReader(schema))) {
      return reader
          .readObject()
          .getJsonArray("enum")
          .getValuesAs(v -> ((jakarta.json.JsonString) v).getString());
    }
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
