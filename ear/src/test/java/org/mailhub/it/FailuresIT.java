package org.mailhub.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where a user looks for what went wrong: a campaign's errors (API, report page, CSV) show the
 * emails the provider refused and the failures it reported with its own words; and where a user
 * checks a campaign before launching it: a test send that counts nowhere.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FailuresIT {

  private RecordingEsp esp;
  private String run;

  @Deployment(testable = false)
  static EnterpriseArchive mailhub() {
    return Mailhub.ear();
  }

  @BeforeEach
  void start() throws Exception {
    esp = new RecordingEsp();
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    esp.close();
  }

  @Test
  void aCampaignsErrorsShowTheRefusalAndTheBounceWithTheProvidersWords() throws Exception {
    Campaigns.importTagged(run, IntStream.range(0, 3).mapToObj(this::email).toList());
    JsonObject provider = Mailhub.json(Campaigns.createProvider(genericProvider()));
    esp.failFirst(1, 400); // the provider refuses the first email for good
    long campaign =
        Campaigns.launch(
            """
            {"name": "errors %s", "providerId": %d, "subject": "Hi", "html": "<p>Hi</p>",
             "audience": {"type": "PROPERTY", "property": "run", "value": "%s"}}"""
                .formatted(run, provider.getInt("id"), run));
    assertEquals("SENT", Campaigns.awaitEnd(campaign).getString("status"));
    List<JsonObject> sends = Campaigns.sends(campaign);
    JsonObject refused =
        sends.stream()
            .filter(s -> s.getString("status").equals("FAILED"))
            .findFirst()
            .orElseThrow();
    JsonObject bounced =
        sends.stream().filter(s -> s.getString("status").equals("SENT")).findFirst().orElseThrow();
    assertTrue(
        refused.getString("description").startsWith("400"),
        "the send-time error describes a refusal: " + refused);

    HttpResponse<String> callback =
        Mailhub.post(
            Campaigns.callbackPath(provider),
            """
            {"version": "v2", "events": {"failed": [
              {"type": "hard_bounce", "email": "%s", "meta": "%s",
               "description": "550 5.1.1 user unknown"}]}}"""
                .formatted(bounced.getString("email"), bounced.getString("meta")));
    assertEquals(200, callback.statusCode(), callback.body());

    HttpResponse<String> listed = Mailhub.get("api/campaigns/" + campaign + "/errors");
    assertEquals(2, Mailhub.json(listed).getInt("total"), "as many as failedTotal");
    assertEquals(50, Mailhub.json(listed).getInt("size"), "the default page size");
    JsonArray errors = Mailhub.items(listed);
    assertEquals(2, errors.size(), errors.toString());
    JsonObject first = errors.getJsonObject(0);
    assertEquals(refused.getString("email"), first.getString("email"));
    assertEquals("REFUSED", first.getString("type"));
    assertTrue(first.getString("description").startsWith("400"), first.toString());
    assertEquals(1, first.getInt("attempts"));
    JsonObject second = errors.getJsonObject(1);
    assertEquals(bounced.getString("email"), second.getString("email"));
    assertEquals("HARD_BOUNCE", second.getString("type"));
    assertEquals("550 5.1.1 user unknown", second.getString("description"));
    JsonObject secondPage =
        Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/errors?page=1&size=1"));
    assertEquals(
        List.of("HARD_BOUNCE"),
        secondPage.getJsonArray("items").stream()
            .map(e -> e.asJsonObject().getString("type"))
            .toList(),
        "the second page of one holds the bounce");
    assertEquals(2, secondPage.getInt("total"));
    JsonObject past =
        Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/errors?page=7&size=2"));
    assertEquals(0, past.getJsonArray("items").size(), past.toString());
    assertEquals(2, past.getInt("total"), "a page past the end still has the total");
    assertEquals(7, past.getInt("page"));

    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
    assertEquals(2, stats.getInt("failedTotal"), stats.toString());
    assertEquals(1, stats.getInt("errors"));
    assertEquals(1, stats.getJsonObject("failed").getInt("hard_bounce"));
    assertEquals(
        2,
        Mailhub.json(Mailhub.get("api/providers/" + provider.getInt("id") + "/stats"))
            .getInt("failedTotal"));

    JsonObject bouncedNow =
        Campaigns.sends(campaign).stream()
            .filter(s -> s.getString("email").equals(bounced.getString("email")))
            .findFirst()
            .orElseThrow();
    assertEquals("HARD_BOUNCE", bouncedNow.getString("outcome"));
    assertEquals("550 5.1.1 user unknown", bouncedNow.getString("description"));

    String csv = Mailhub.get("api/campaigns/" + campaign + "/report.csv").body();
    assertTrue(
        csv.startsWith("email,status,outcome,messageId,error,attempts,updatedAt,description"));
    assertTrue(
        csv.lines()
            .anyMatch(
                l ->
                    l.startsWith(bounced.getString("email") + ",SENT,HARD_BOUNCE,")
                        // the provider that sent it is the last column
                        && l.endsWith(",550 5.1.1 user unknown," + provider.getInt("id"))),
        csv);

    String page = new Admin().page("admin/reports.xhtml?campaign=" + campaign);
    assertTrue(page.contains("550 5.1.1 user unknown"), page);
    assertTrue(page.contains(refused.getString("email")), page);
    assertTrue(page.contains(">REFUSED<"), page);
    assertTrue(page.contains("id=\"stat-failedTotal\">2<"), page);
  }

  @Test
  void aTestSendArrivesPersonalisedAndCountsNowhere() throws Exception {
    String ana = "ana-" + run + "@example.com";
    HttpResponse<String> imported =
        Mailhub.post(
            "api/profiles",
            "[{\"email\": \"%s\", \"properties\": {\"name\": \"Ana\", \"city\": \"Porto\"}}]"
                .formatted(ana));
    assertEquals(200, imported.statusCode(), imported.body());
    JsonObject provider = Mailhub.json(Campaigns.createProvider(genericProvider()));
    HttpResponse<String> created =
        Mailhub.post(
            "api/campaigns",
            """
            {"name": "test %s", "providerId": %d, "subject": "Hi {{profile.name}}",
             "html": "<p>Hello {{profile.name}} in {{profile.city}}, code $$hid</p>",
             "placeholders": {"hid": "SPRING"},
             "audience": {"type": "EMAILS", "emails": ["%s"]}}"""
                .formatted(run, provider.getInt("id"), ana));
    assertEquals(201, created.statusCode(), created.body());
    long campaign = Mailhub.json(created).getJsonNumber("id").longValue();
    String test = "api/campaigns/" + campaign + "/test";
    String me = "me-" + run + "@acme.example";

    HttpResponse<String> six =
        Mailhub.post(
            test,
            "{\"to\": [%s]}"
                .formatted(
                    String.join(
                        ",",
                        IntStream.range(0, 6)
                            .mapToObj(i -> "\"t" + i + "@acme.example\"")
                            .toList())));
    assertEquals(400, six.statusCode(), six.body());
    assertTrue(six.body().contains("\"to\""), six.body());
    HttpResponse<String> stranger =
        Mailhub.post(
            test, "{\"to\": [\"%s\"], \"profile\": \"nobody-%s@example.com\"}".formatted(me, run));
    assertEquals(400, stranger.statusCode(), stranger.body());
    assertTrue(stranger.body().contains("\"profile\""), stranger.body());
    assertEquals(
        404,
        Mailhub.post("api/campaigns/999999999/test", "{\"to\": [\"" + me + "\"]}").statusCode());
    assertEquals(0, esp.count(), "nothing was sent for refused requests: " + esp.paths());

    HttpResponse<String> sent =
        Mailhub.post(
            test,
            "{\"to\": [\"%s\", \"boss-%s@acme.example\"], \"profile\": \"%s\", \"properties\": {\"city\": \"Lisbon\"}}"
                .formatted(me, run, ana));

    assertEquals(200, sent.statusCode(), sent.body());
    JsonArray outcomes = Mailhub.parse(sent.body()).asJsonArray();
    assertEquals(2, outcomes.size(), sent.body());
    assertEquals(me, outcomes.getJsonObject(0).getString("to"));
    assertTrue(outcomes.getJsonObject(0).getBoolean("sent"), sent.body());
    assertTrue(outcomes.getJsonObject(1).getBoolean("sent"), sent.body());
    RecordingEsp.Request first = esp.next();
    JsonObject body = Mailhub.parse(first.body()).asJsonObject();
    assertEquals(me, body.getString("to"));
    assertEquals("Hi Ana", body.getString("subject"));
    assertEquals("<p>Hello Ana in Lisbon, code SPRING</p>", body.getString("html"));
    assertTrue(body.getString("meta").startsWith("test-"), first.body());
    esp.next();

    // the provider reports on the test: it is not recorded and suppresses nobody
    HttpResponse<String> bounce =
        Mailhub.post(
            Campaigns.callbackPath(provider),
            """
            {"version": "v2", "events": {"failed": [
              {"type": "hard_bounce", "email": "%s", "meta": "%s"}]}}"""
                .formatted(me, body.getString("meta")));
    assertEquals(200, bounce.statusCode(), bounce.body());
    assertEquals(0, Mailhub.json(bounce).getInt("PROCESSED_EVENTS"), bounce.body());

    JsonObject draft = Mailhub.json(Mailhub.get("api/campaigns/" + campaign));
    assertEquals("DRAFT", draft.getString("status"));
    assertEquals(0, draft.getJsonObject("counts").getInt("targeted"));
    assertEquals(List.of(), Campaigns.sends(campaign));
    JsonObject stats = Mailhub.json(Mailhub.get("api/campaigns/" + campaign + "/stats"));
    assertEquals(0, stats.getInt("sent"), stats.toString());
    assertEquals(0, stats.getInt("failedTotal"), stats.toString());
    assertEquals(
        0,
        Mailhub.json(Mailhub.get("api/providers/" + provider.getInt("id") + "/stats"))
            .getInt("sent"));
    assertEquals(404, Mailhub.get("api/suppressions/" + me).statusCode());
    assertEquals(404, Mailhub.get("api/suppressions/" + ana).statusCode());
  }

  @Test
  void theProviderFormShowsTheCallbackUrlBeforeSaving() throws Exception {
    String page = new Admin().page("admin/provider.xhtml");

    int field = page.indexOf("id=\"provider:callbackUrl\"");
    assertTrue(field > 0, page);
    String input = page.substring(page.lastIndexOf("<input", field), page.indexOf(">", field));
    assertTrue(input.contains("readonly"), input);
    assertTrue(input.matches("(?s).*value=\"[^\"]*/callbacks/[A-Za-z0-9_-]{32}\".*"), input);
  }

  @Test
  void theCampaignFormSendsItsContentAsATestBeforeItIsSaved() throws Exception {
    JsonObject provider = Mailhub.json(Campaigns.createProvider(genericProvider()));
    Admin admin = new Admin();
    String form = admin.page("admin/campaign.xhtml");
    java.util.regex.Matcher state =
        java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"")
            .matcher(form);
    assertTrue(state.find(), form);
    String me = "form-" + run + "@acme.example";

    // as the Send test button posts it: only the content and the test inputs, no name or audience
    String answer =
        admin.post(
            "admin/campaign.xhtml",
            Map.ofEntries(
                Map.entry("jakarta.faces.partial.ajax", "true"),
                Map.entry("jakarta.faces.source", "campaign:sendTest"),
                Map.entry(
                    "jakarta.faces.partial.execute",
                    "campaign:sendTest campaign:provider campaign:subject campaign:fromName"
                        + " campaign:html campaign:placeholders campaign:testTo"
                        + " campaign:testProfile"),
                Map.entry("jakarta.faces.partial.render", "campaign:testSection"),
                Map.entry("campaign:sendTest", "campaign:sendTest"),
                Map.entry("campaign", "campaign"),
                Map.entry("campaign:provider_input", String.valueOf(provider.getInt("id"))),
                Map.entry("campaign:subject", "Draft " + run),
                Map.entry("campaign:html", "<p>Not saved yet</p>"),
                Map.entry("campaign:testTo", me),
                Map.entry("jakarta.faces.ViewState", state.group(1))));

    assertTrue(answer.contains(me + ": Test email sent through failures " + run), answer);
    JsonObject body = Mailhub.parse(esp.next().body()).asJsonObject();
    assertEquals(me, body.getString("to"));
    assertEquals("Draft " + run, body.getString("subject"));
    assertEquals("<p>Not saved yet</p>", body.getString("html"));
    assertTrue(
        Mailhub.get("api/campaigns?size=1000").body().indexOf("Draft " + run) < 0,
        "nothing was saved");
  }

  private String genericProvider() {
    return """
        {"nickname": "failures %s %s", "type": "GENERIC_HTTP", "fromAddress": "news@acme.example",
         "settings": {"endpoint": "%s",
           "parameters": {"to": "$$To", "subject": "$$Subject", "html": "$$HTML", "from": "$$FromName $$FromAddress", "meta": "$$Meta"}}}"""
        .formatted(run, UUID.randomUUID().toString().substring(0, 4), esp.url("/send"));
  }

  private String email(int i) {
    return "failures-" + run + "-" + i + "@example.com";
  }

  /** The admin UI as a signed-in admin's browser gets its pages: plain HTTP with the session. */
  private static final class Admin {

    private final String cookie;

    Admin() throws Exception {
      HttpResponse<String> signedIn = SignInIT.signIn(Mailhub.BASE, Map.of());
      cookie =
          signedIn.headers().allValues("Set-Cookie").stream()
              .filter(c -> c.startsWith("JSESSIONID"))
              .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
              .findFirst()
              .orElseThrow(() -> new AssertionError("not signed in: " + signedIn.headers().map()));
    }

    /** A form post, as the browser's script sends an Ajax request; answers the partial response. */
    String post(String path, Map<String, String> fields) throws Exception {
      String form =
          fields.entrySet().stream()
              .map(
                  f ->
                      java.net.URLEncoder.encode(
                              f.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                          + "="
                          + java.net.URLEncoder.encode(
                              f.getValue(), java.nio.charset.StandardCharsets.UTF_8))
              .collect(java.util.stream.Collectors.joining("&"));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
                      .header("Cookie", cookie)
                      .header("Faces-Request", "partial/ajax")
                      .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      return answer.body();
    }

    String page(String path) throws Exception {
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(Mailhub.BASE.resolve(path))
                      .header("Cookie", cookie)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode(), page.body());
      return page.body();
    }
  }
}
