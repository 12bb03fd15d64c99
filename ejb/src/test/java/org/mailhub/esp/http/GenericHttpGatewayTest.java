package org.mailhub.esp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.http.GenericHttpSettings.Auth;
import org.mailhub.esp.http.GenericHttpSettings.Batch;
import org.mailhub.esp.http.GenericHttpSettings.Method;
import org.mailhub.infrastructure.RequestRejected.FieldError;
import org.mailhub.provider.PreferenceCenter;

class GenericHttpGatewayTest {

  private final GenericHttpGateway gateway = new GenericHttpGateway();

  @Test
  void headersAndParametersNamedLikeCredentialsAreSecrets() {
    var settings =
        org.mailhub.infrastructure.Jsons.JSON
            .createReader(
                new java.io.StringReader(
                    "{\"headers\": {\"Authorization\": \"Bearer x\", \"X-Api-Key\": \"k\","
                        + " \"Accept-Language\": \"en\"}, \"parameters\": {\"api_token\": \"t\","
                        + " \"to\": \"$$To\", \"a/b~secret\": \"s\"}}"))
            .readObject();

    assertEquals(
        java.util.Set.of(
            "/auth/password",
            "/headers/Authorization",
            "/headers/X-Api-Key",
            "/parameters/api_token",
            "/parameters/a~1b~0secret"),
        gateway.secretFields(settings));
  }

  @Test
  void markedHeadersAndParametersAreSecretsBesidesTheCredentialNamedOnes() {
    var settings =
        GenericHttpRequestTest.json(
            "{\"headers\": {\"Authorization\": \"Bearer x\", \"X-Account\": \"acme\","
                + " \"X-Campaign\": \"$$hid\"}, \"secretHeaders\": [\"X-Account\"],"
                + " \"parameters\": {\"api_user\": \"u\", \"a/b\": \"s\", \"to\": \"$$To\"},"
                + " \"secretParameters\": [\"api_user\", \"a/b\"]}");

    assertEquals(
        Set.of(
            "/auth/password",
            "/headers/Authorization",
            "/headers/X-Account",
            "/parameters/api_user",
            "/parameters/a~1b"),
        gateway.secretFields(settings));
  }

  @Test
  void markedNamesMustBeAmongTheHeadersOrParametersWithTextValues() {
    String parameters = COMPLETE.replace("}", ", \"account\": {\"id\": \"$$hid\"}}");
    var settings =
        new GenericHttpSettings(
            Method.POST,
            "https://esp.example",
            null,
            Map.of("X-Account", "acme"),
            GenericHttpRequestTest.json(parameters),
            null,
            null,
            List.of("X-Account", "X-Acount"),
            List.of("to", "account", "api_user"));

    assertEquals(
        List.of(
            new FieldError("secretHeaders", "'X-Acount' is not one of the headers"),
            new FieldError(
                "secretParameters", "'account' is not text: only text values can be secret"),
            new FieldError("secretParameters", "'api_user' is not one of the parameters")),
        gateway.check(settings));
  }

  @Test
  void atMostAHundredNamesAreMarked() {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 101; i++) {
      headers.put("X-Value-" + i, "v");
    }
    var settings =
        new GenericHttpSettings(
            Method.POST,
            "https://esp.example",
            null,
            headers,
            GenericHttpRequestTest.json(COMPLETE),
            null,
            null,
            List.copyOf(headers.keySet()),
            null);

    assertEquals(
        List.of(new FieldError("secretHeaders", "may name at most 100 headers")),
        gateway.check(settings));
  }

  private static final String COMPLETE =
      "{\"to\": \"$$To\", \"html\": \"$$HTML\", \"subject\": \"$$Subject\", \"from\": \"$$FromName <$$FromAddress>\"}";

  private static GenericHttpSettings post(
      Map<String, String> headers, String parameters, Batch batch) {
    return new GenericHttpSettings(
        Method.POST,
        "https://esp.example",
        null,
        headers,
        GenericHttpRequestTest.json(parameters),
        null,
        batch,
        null,
        null);
  }

  @Test
  void aCompleteTemplatePasses() {
    assertEquals(List.of(), gateway.check(post(Map.of(), COMPLETE, null)));
  }

  @Test
  void placeholdersMayBeInHeaders() {
    var settings =
        post(
            Map.of("X-To", "$$To", "X-From", "$$FromName"),
            "{\"h\": \"$$HTML\", \"s\": \"$$Subject\", \"a\": \"$$FromAddress\"}",
            null);

    assertEquals(List.of(), gateway.check(settings));
  }

  @Test
  void missingPlaceholdersAreNamedInOrder() {
    List<FieldError> errors =
        gateway.check(post(Map.of(), "{\"to\": \"$$To\", \"x\": \"$$hid\"}", null));

    assertEquals("parameters", errors.get(0).field());
    assertTrue(
        errors
            .get(0)
            .message()
            .startsWith("missing placeholders $$HTML, $$Subject, $$FromName, $$FromAddress:"),
        errors.get(0).message());
  }

  @Test
  void batchParameterMustExistAndHoldThePerRecipientValues() {
    assertEquals(
        "must name one of the top-level parameters",
        gateway.check(post(Map.of(), COMPLETE, new Batch("msgs", 10))).get(0).message());

    List<FieldError> errors = gateway.check(post(Map.of(), COMPLETE, new Batch("html", 10)));
    assertEquals("batch.parameter", errors.get(0).field());
    assertTrue(errors.get(0).message().contains("$$To"));

    String record =
        "{\"subject\": \"$$Subject\", \"from\": \"$$FromName <$$FromAddress>\","
            + " \"msgs\": {\"to\": \"$$To\", \"html\": \"$$HTML\", \"n\": \"{{profile.name}}\"}}";
    assertEquals(List.of(), gateway.check(post(Map.of(), record, new Batch("msgs", 10))));
  }

  @Test
  void basicAuthNeedsBothCredentials() {
    var settings =
        new GenericHttpSettings(
            Method.POST,
            "https://esp.example",
            new Auth(Auth.Type.BASIC, "u", " "),
            Map.of(),
            GenericHttpRequestTest.json(COMPLETE),
            null,
            null,
            null,
            null);

    assertEquals(
        List.of(new FieldError("auth.password", "is required for basic authentication")),
        gateway.check(settings));
  }

  @Test
  void bodyTemplateMustBeJsonAndExclusive() {
    var notJson =
        new GenericHttpSettings(
            Method.POST, "https://esp.example", null, Map.of(), null, "to=$$To", null, null, null);
    assertEquals("bodyTemplate", gateway.check(notJson).get(0).field());

    var both =
        new GenericHttpSettings(
            Method.GET,
            "https://esp.example",
            null,
            Map.of(),
            GenericHttpRequestTest.json(COMPLETE),
            COMPLETE,
            null,
            null,
            null);
    assertEquals(2, gateway.check(both).size());
  }

  @Test
  void headersTheHttpClientOwnsAreRefused() {
    assertEquals(
        "headers", gateway.check(post(Map.of("Host", "x"), COMPLETE, null)).get(0).field());
  }

  @Test
  void batchesOnlyShareRequestsWhenTheSharedPartsAgree() {
    var settings =
        post(
            Map.of(),
            "{\"subject\": \"$$Subject\", \"from\": \"$$FromName $$FromAddress\","
                + " \"msgs\": {\"to\": \"$$To\", \"html\": \"$$HTML\"}}",
            new Batch("msgs", 2));
    var emails =
        List.of(
            new org.mailhub.esp.Email("a@x", "Hi Ana", "h1", Map.of(), "m1"),
            new org.mailhub.esp.Email("b@x", "Hi Bob", "h2", Map.of(), "m2"),
            new org.mailhub.esp.Email("c@x", "Hi Ana", "h3", Map.of(), "m3"),
            new org.mailhub.esp.Email("d@x", "Hi Ana", "h4", Map.of(), "m4"));

    assertEquals(
        List.of(List.of("a@x", "c@x"), List.of("d@x"), List.of("b@x")),
        gateway.batches(settings, emails).stream()
            .map(b -> b.stream().map(e -> e.to()).toList())
            .toList());
  }

  @Test
  void campaignPlaceholdersAreTheNonBuiltInOnes() {
    var settings = post(Map.of("X-Id", "$$hid"), "{\"t\": \"$$To $$Meta $$promo\"}", null);

    assertEquals(Set.of("hid", "promo"), gateway.campaignPlaceholders(settings));
  }

  /** The template of the Generic HTTP document's example payload, as a user would copy it. */
  private static GenericHttpSettings documentExample(String extra) {
    return new GenericHttpSettings(
        Method.POST,
        "https://esp.example/send",
        null,
        Map.of(),
        GenericHttpRequestTest.json(
            "{\"to\": \"$$To\", \"subject\": \"$$Subject\", \"fromName\": \"$$FromName\","
                + " \"fromAddress\": \"$$FromAddress\", \"htmlContent\": \"$$HTML\","
                + " \"trackingId\": \"$$hid\", \"userName\": \"{{profile.name}}\""
                + extra
                + "}"),
        null,
        null,
        null,
        null);
  }

  @Test
  void theDocumentsExampleIsAcceptedWithAWarningThatEventsAreLinkedByAddress() {
    var settings = documentExample("");

    assertEquals(List.of(), gateway.check(settings));
    List<String> warnings = gateway.warnings(settings, PreferenceCenter.Mode.NONE);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("The template has no $$Meta"), warnings.get(0));
    assertTrue(warnings.get(0).contains("linked by address"), warnings.get(0));
  }

  @Test
  void withAPreferenceCenterATemplateWithoutTheUnsubscribeUrlIsWarnedAbout() {
    List<String> warnings =
        gateway.warnings(
            documentExample(", \"meta\": \"$$Meta\""), PreferenceCenter.Mode.CUSTOM_URL);

    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("The template has no $$UnsubscribeURL"));
    assertEquals(
        List.of(),
        gateway.warnings(
            documentExample(", \"meta\": \"$$Meta\", \"unsub\": \"$$UnsubscribeURL\""),
            PreferenceCenter.Mode.SYSTEM));
    assertEquals(
        List.of(),
        gateway.warnings(documentExample(", \"meta\": \"$$Meta\""), PreferenceCenter.Mode.NONE));
  }
}
