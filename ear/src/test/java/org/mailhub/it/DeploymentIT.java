package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An operator deploys mailhub.ear and checks that it is up. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeploymentIT {

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void openApiDocumentDescribesTheMailhubApi() {
    HttpResponse<String> response = Mailhub.get("openapi?format=JSON");

    assertEquals(200, response.statusCode());
    var document = Mailhub.json(response);
    assertEquals("mailhub API", document.getJsonObject("info").getString("title"));
    var paths = document.getJsonObject("paths");
    assertTrue(paths.containsKey("/api/health"), paths.keySet().toString());
    var examples =
        paths
            .getJsonObject("/api/providers")
            .getJsonObject("post")
            .getJsonObject("requestBody")
            .getJsonObject("content")
            .getJsonObject("application/json")
            .getJsonObject("examples");
    // an example of each provider type
    assertEquals(
        java.util.Arrays.stream(org.mailhub.provider.ProviderType.values())
            .map(Enum::name)
            .collect(java.util.stream.Collectors.toSet()),
        examples.keySet());
    assertTrue(paths.containsKey("/api/providers/{id}/test-email"), paths.keySet().toString());
  }

  @Test
  void healthReportsTheDatabaseInUse() {
    HttpResponse<String> response = Mailhub.get("api/health");

    assertEquals(200, response.statusCode(), response.body());
    var health = Mailhub.json(response);
    assertEquals("UP", health.getString("status"));
    String expected = System.getProperty("mailhub.expected.database", "H2");
    assertEquals(expected, health.getString("database"));
  }

  @Test
  void unknownApiPathsAnswerWithAJsonError() {
    HttpResponse<String> response = Mailhub.get("api/no-such-thing");

    assertEquals(404, response.statusCode());
    assertEquals("NOT_FOUND", Mailhub.json(response).getString("code"));
  }

  @Test
  void theRootBelongsToMailhubNotToTheServersWelcomePage() {
    HttpResponse<String> response = Mailhub.get("");

    assertFalse(response.body().contains("Welcome to WildFly"), response.body());
  }
}
