package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A developer points openapi-generator at mailhub's OpenAPI document, with its default settings,
 * and gets clients that compile, in Java (both of its usual HTTP libraries) and TypeScript; a
 * program written against the Java client runs a marketer's whole day through it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GeneratedClientIT {

  @RegisterExtension static final GreenMailExtension SMTP = Mailhub.smtpServer();

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @Test
  void theDocumentGivesJavaAndTypeScriptClientsThatCompile() throws Exception {
    Path document = GeneratedClients.document();

    GeneratedClients.mavenBuild(GeneratedClients.generate(document, "java", "native"), "compile");
    GeneratedClients.mavenBuild(
        GeneratedClients.generate(document, "java", "okhttp-gson"), "compile");

    Path typescript = GeneratedClients.generate(document, "typescript-fetch", null);
    Files.writeString(
        typescript.resolve("tsconfig.json"),
        "{\"compilerOptions\": {\"target\": \"ES2020\", \"module\": \"ES2020\","
            + " \"moduleResolution\": \"node\", \"lib\": [\"ES2020\", \"DOM\"], \"strict\": true,"
            + " \"noEmit\": true}, \"include\": [\"**/*.ts\"]}");
    GeneratedClients.run(typescript, 5, "npx", "-y", "-p", "typescript@5.9.3", "tsc", "-p", ".");
  }

  @Test
  void theDocumentDescribesEveryCallForGeneratedClients() throws Exception {
    JsonObject document = Mailhub.json(Mailhub.get("openapi?format=JSON"));
    List<String> gaps = new ArrayList<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, value) -> {
                          JsonObject operation = value.asJsonObject();
                          JsonObject answers = operation.getJsonObject("responses");
                          String call = method.toUpperCase() + " " + path;
                          if (!operation.containsKey("operationId")) {
                            gaps.add(call + " has no operationId");
                          }
                          answers.forEach(
                              (status, answer) -> {
                                if (status.startsWith("2")
                                    && !status.equals("204")
                                    && !answer.asJsonObject().containsKey("content")) {
                                  gaps.add(call + " answers " + status + " without a schema");
                                }
                                if (status.equals("201")
                                    && !answer.asJsonObject().containsKey("headers")) {
                                  gaps.add(call + " answers 201 without Location");
                                }
                                if (status.startsWith("4")
                                    && !answer.asJsonObject().containsKey("$ref")
                                    && !answer.asJsonObject().containsKey("content")) {
                                  gaps.add(call + " answers " + status + " without a body");
                                }
                              });
                          if (!path.equals("/api/health") && !answers.containsKey("401")) {
                            gaps.add(call + " does not say it may answer 401");
                          }
                        }));

    assertEquals(List.of(), gaps);
    assertTrue(
        document.getJsonObject("paths").keySet().stream().allMatch(p -> p.startsWith("/api/")),
        "webhooks and preference pages are not the client API: "
            + document.getJsonObject("paths").keySet());
    assertEquals(
        "[{\"basicAuth\":[]},{\"bearerAuth\":[]}]", document.getJsonArray("security").toString());
    assertEquals(
        System.getProperty("mailhub.it.version"),
        document.getJsonObject("info").getString("version"));
  }

  @Test
  void aProgramRunsACampaignThroughTheGeneratedJavaClientWithItsOwnKey() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path client = GeneratedClients.generate(GeneratedClients.document(), "java", "okhttp-gson");
    Path story = client.resolve("src/main/java/org/mailhub/story/ClientStory.java");
    Files.createDirectories(story.getParent());
    Files.copy(GeneratedClients.STORY, story);
    GeneratedClients.mavenBuild(
        client, "package", "dependency:build-classpath", "-Dmdep.outputFile=classpath.txt");

    String output =
        GeneratedClients.run(
            client,
            3,
            GeneratedClients.JAVA,
            "-cp",
            client.resolve("target/classes")
                + java.io.File.pathSeparator
                + Files.readString(client.resolve("classpath.txt")).strip(),
            "org.mailhub.story.ClientStory",
            Mailhub.BASE.toString().replaceAll("/$", ""),
            Mailhub.ADMIN,
            Mailhub.ADMIN_PASSWORD,
            String.valueOf(SMTP.getSmtp().getPort()),
            run,
            client.toString());
    Map<String, String> saw = said(output);

    assertTrue(output.contains("STORY DONE"), output);
    assertEquals("400", saw.get("invalid.status"), output);
    assertEquals("VALIDATION_FAILED", saw.get("invalid.code"), output);
    assertEquals("settings.host", saw.get("invalid.field"), output);
    assertEquals("SMTP", saw.get("provider.type"), output);
    assertEquals("2", saw.get("import.json.created"), output);
    assertEquals("1", saw.get("import.csv.created"), output);
    assertEquals("Cleo", saw.get("profile.name"), output);
    assertEquals("MANUAL", saw.get("suppression.reason"), output);
    assertEquals("1", saw.get("suppressions.found"), output);
    assertEquals("true", saw.get("test.sent"), output);
    assertEquals("SENT", saw.get("campaign.status"), output);
    assertEquals("2", saw.get("stats.sent"), output);
    assertEquals("SENT", saw.get("send.ana-" + run + "@example.com"), output);
    assertEquals("SUPPRESSED", saw.get("send.bob-" + run + "@example.com"), output);
    assertEquals("SENT", saw.get("send.cleo-" + run + "@example.com"), output);
    // what the relay got: the test email and the campaign, nothing for Bob
    assertEquals(
        "[ana-"
            + run
            + "@example.com, cleo-"
            + run
            + "@example.com, tester-"
            + run
            + "@example.com]",
        recipientsOf(run));
  }

  private static String recipientsOf(String run) throws Exception {
    return Arrays.stream(SMTP.getReceivedMessages())
        .map(GeneratedClientIT::recipient)
        .filter(to -> to.contains(run))
        .sorted()
        .toList()
        .toString();
  }

  private static String recipient(MimeMessage message) {
    try {
      return message.getRecipients(Message.RecipientType.TO)[0].toString();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The story's name=value lines. */
  private static Map<String, String> said(String output) {
    return output
        .lines()
        .filter(line -> line.contains("=") && !line.startsWith("["))
        .collect(
            Collectors.toMap(
                line -> line.substring(0, line.indexOf('=')),
                line -> line.substring(line.indexOf('=') + 1),
                (a, b) -> b,
                TreeMap::new));
  }
}
