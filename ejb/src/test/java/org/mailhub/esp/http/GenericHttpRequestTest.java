package org.mailhub.esp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.mailhub.esp.Email;
import org.mailhub.esp.Envelope;
import org.mailhub.esp.http.GenericHttpSettings.Auth;
import org.mailhub.esp.http.GenericHttpSettings.Batch;
import org.mailhub.esp.http.GenericHttpSettings.Method;

class GenericHttpRequestTest {

  private static final Envelope ENVELOPE =
      new Envelope(
          "Acme \"Deals\"",
          "news@acme.example",
          null,
          Map.of("hid", "H-$$1"),
          Envelope.Source.campaign(1));

  private static Email email(String to, String html, String name) {
    return new Email(
        to, "Hi {{x}}", html, name == null ? Map.of() : Map.of("name", name), "m-" + to);
  }

  private static GenericHttpSettings settings(Method method, String parameters, Batch batch) {
    return new GenericHttpSettings(
        method,
        "https://esp.example/send",
        null,
        Map.of("X-Hid", "$$hid"),
        json(parameters),
        null,
        batch,
        null,
        null);
  }

  @Test
  void valuesAreJsonEscapedWhateverTheyContain() {
    String html = "<p class=\"x\">Line 1\nLine 2 \\ $$To ünïcödé 😀</p>";
    var settings =
        settings(
            Method.POST,
            "{\"to\": \"$$To\", \"html\": \"$$HTML\", \"subject\": \"$$Subject\","
                + " \"from\": \"$$FromName <$$FromAddress>\", \"tag\": \"$$hid\", \"n\": 3}",
            null);

    JsonObject body =
        body(
            GenericHttpRequest.build(
                settings, ENVELOPE, List.of(email("a@x.example", html, null))));

    assertEquals(html, body.getString("html"));
    assertEquals("a@x.example", body.getString("to"));
    assertEquals("Hi {{x}}", body.getString("subject"));
    assertEquals("Acme \"Deals\" <news@acme.example>", body.getString("from"));
    assertEquals("H-$$1", body.getString("tag"));
    assertEquals(3, body.getInt("n"));
  }

  @Test
  void batchParameterBecomesOneRecordPerRecipientInOrder() {
    var settings =
        settings(
            Method.POST,
            "{\"subject\": \"$$Subject\", \"msgs\": {\"to\": \"$$To\", \"meta\": \"$$Meta\","
                + " \"name\": \"{{profile.name | \\\"friend\\\"}}\", \"tags\": [\"$$hid\"]}}",
            new Batch("msgs", 10));

    JsonObject body =
        body(
            GenericHttpRequest.build(
                settings,
                ENVELOPE,
                List.of(email("a@x.example", "h", "Ana"), email("b@x.example", "h", null))));

    assertEquals(
        json(
            "{\"subject\": \"Hi {{x}}\", \"msgs\": ["
                + "{\"to\": \"a@x.example\", \"meta\": \"m-a@x.example\", \"name\": \"Ana\", \"tags\": [\"H-$$1\"]},"
                + "{\"to\": \"b@x.example\", \"meta\": \"m-b@x.example\", \"name\": \"friend\", \"tags\": [\"H-$$1\"]}]}"),
        body);
  }

  @Test
  void getSendsAnEncodedQueryAndRepeatsTheBatchParameter() {
    var settings =
        settings(Method.GET, "{\"to\": \"$$To\", \"s\": \"$$Subject & more\"}", new Batch("to", 2));

    HttpRequest request =
        GenericHttpRequest.build(
                settings,
                ENVELOPE,
                List.of(email("a+1@x.example", "h", null), email("b@x.example", "h", null)))
            .build();

    assertEquals("GET", request.method());
    assertEquals(
        "https://esp.example/send?to=a%2B1%40x.example&to=b%40x.example&s=Hi+%7B%7Bx%7D%7D+%26+more",
        request.uri().toString());
  }

  @Test
  void headersAreRenderedOnOneLineAndBasicAuthIsUtf8() {
    var settings =
        new GenericHttpSettings(
            Method.POST,
            "https://esp.example/send",
            new Auth(Auth.Type.BASIC, "user", "pässword"),
            Map.of("X-Subject", "$$Subject"),
            json("{\"to\": \"$$To\"}"),
            null,
            null,
            null,
            null);
    Email email = new Email("a@x.example", "Evil\r\nBcc: x@y", "h", Map.of(), "m");

    HttpRequest request = GenericHttpRequest.build(settings, ENVELOPE, List.of(email)).build();

    assertEquals("Evil Bcc: x@y", request.headers().firstValue("X-Subject").orElseThrow());
    assertEquals(
        "Basic dXNlcjpww6Rzc3dvcmQ=", request.headers().firstValue("Authorization").orElseThrow());
    assertEquals("application/json", request.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void aRawBodyTemplateIsRenderedLikeParameters() {
    var settings =
        new GenericHttpSettings(
            Method.POST,
            "https://esp.example/send",
            null,
            Map.of(),
            null,
            "{\"personalizations\": [{\"to\": \"$$To\"}], \"content\": \"$$HTML\"}",
            null,
            null,
            null);

    JsonObject body =
        body(
            GenericHttpRequest.build(
                settings, ENVELOPE, List.of(email("a@x.example", "<b>\"hi\"</b>", null))));

    assertEquals(
        json(
            "{\"personalizations\": [{\"to\": \"a@x.example\"}], \"content\": \"<b>\\\"hi\\\"</b>\"}"),
        body);
  }

  @Test
  void replyToIsTheProvidersReplyToElseItsFromAddressAndNeverACampaignValue() {
    var settings = settings(Method.POST, "{\"reply_to\": \"$$ReplyTo\"}", null);
    Email email = email("a@x.example", "<p>x</p>", null);

    JsonObject withReplyTo =
        body(
            GenericHttpRequest.build(
                settings,
                new Envelope(
                    "Acme",
                    "news@acme.example",
                    "help@acme.example",
                    Map.of(),
                    Envelope.Source.campaign(1)),
                List.of(email)));
    JsonObject without = body(GenericHttpRequest.build(settings, ENVELOPE, List.of(email)));

    assertEquals("help@acme.example", withReplyTo.getString("reply_to"));
    assertEquals("news@acme.example", without.getString("reply_to"));
    // the helper's X-Hid header asks for $$hid; $$ReplyTo is not asked for
    assertEquals(Set.of("hid"), new GenericHttpGateway().campaignPlaceholders(settings));
  }

  static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  static JsonObject body(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    CompletableFuture<String> text = new CompletableFuture<>();
    request
        .bodyPublisher()
        .orElseThrow()
        .subscribe(
            new Flow.Subscriber<ByteBuffer>() {
              private final StringBuilder out = new StringBuilder();

              @Override
              public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
              }

              @Override
              public void onNext(ByteBuffer item) {
                out.append(StandardCharsets.UTF_8.decode(item));
              }

              @Override
              public void onError(Throwable throwable) {
                text.completeExceptionally(throwable);
              }

              @Override
              public void onComplete() {
                text.complete(out.toString());
              }
            });
    return json(text.join());
  }
}
