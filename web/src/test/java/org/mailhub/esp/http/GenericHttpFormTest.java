package org.mailhub.esp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mailhub.provider.FormChecks.json;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class GenericHttpFormTest {

  @Test
  void aNewProviderStartsWithEveryPlaceholderCallbacksAndSendingNeed() {
    GenericHttpForm form = new GenericHttpForm();

    assertEquals(
        List.of(
            "to false $$To",
            "subject false $$Subject",
            "html false $$HTML",
            "from_name false $$FromName",
            "from_email false $$FromAddress",
            "meta false $$Meta"),
        rows(form.getParameters()));
    assertEquals("POST", form.settings().getString("method"));
  }

  @Test
  void tickedRowsAreSentAsSecretNamesAndCredentialNamedOnesNeedNoMark() {
    GenericHttpForm form = new GenericHttpForm();
    form.setEndpoint("https://relay.example/send");
    form.getHeaders().add(new GenericHttpForm.Pair(" X-Account ", "acme-7731", true));
    form.getHeaders().add(new GenericHttpForm.Pair("Authorization", "Bearer sk-1", true));
    form.getHeaders().add(new GenericHttpForm.Pair("X-Campaign", "$$hid", false));
    form.getParameters().add(new GenericHttpForm.Pair("api_user", "mailhub", true));
    form.getParameters().add(new GenericHttpForm.Pair(" ", "forgotten", true));

    JsonObject settings = form.settings();

    assertEquals(json("{\"a\": [\"X-Account\"]}").get("a"), settings.get("secretHeaders"));
    assertEquals(json("{\"a\": [\"api_user\"]}").get("a"), settings.get("secretParameters"));
  }

  @Test
  void aRawBodySendsNoSecretParameters() {
    GenericHttpForm form = new GenericHttpForm();
    form.setRawBody(true);
    form.setBodyTemplate("{\"to\": \"$$To\"}");
    form.getParameters().add(new GenericHttpForm.Pair("api_user", "mailhub", true));

    assertFalse(form.settings().containsKey("secretParameters"));
    assertFalse(form.settings().containsKey("parameters"));
  }

  @Test
  void readsTheStoredSettingsInPlaceOfTheNewOnesAndSendsThemBackWithoutSecrets() throws Exception {
    GenericHttpForm form = new GenericHttpForm();

    form.read(
        json(
            """
            {"method": "GET", "endpoint": "https://relay.example/send",
             "auth": {"type": "BASIC", "username": "mailhub", "password": "••••"},
             "headers": {"X-Account": "••••", "Authorization": "••••", "X-Campaign": "$$hid"},
             "secretHeaders": ["X-Account"],
             "parameters": {"to": "$$To", "api_user": "••••", "msgs": {"to": "$$To"}},
             "secretParameters": ["api_user"],
             "batch": {"parameter": "msgs", "instances": 50}}"""));

    assertEquals(
        List.of("X-Account true ••••", "Authorization true ••••", "X-Campaign false $$hid"),
        rows(form.getHeaders()));
    assertTrue(form.getHeaders().get(1).isCredential());
    assertFalse(form.getHeaders().get(0).isCredential());
    assertEquals(
        List.of("to false $$To", "api_user true ••••", "msgs false {\"to\":\"$$To\"}"),
        rows(form.getParameters()),
        "the stored rows, not those a new provider starts with");
    assertEquals("••••", form.getPassword().getStored());
    assertNull(form.getPassword().getValue());
    assertEquals(
        json(
            """
            {"method": "GET", "endpoint": "https://relay.example/send",
             "auth": {"type": "BASIC", "username": "mailhub"},
             "headers": {"X-Account": "••••", "Authorization": "••••", "X-Campaign": "$$hid"},
             "secretHeaders": ["X-Account"],
             "parameters": {"to": "$$To", "api_user": "••••", "msgs": {"to": "$$To"}},
             "secretParameters": ["api_user"],
             "batch": {"parameter": "msgs", "instances": 50}}"""),
        FormChecks.serialized(form).settings(),
        "masked rows go back masked, which keeps them; the empty password is left out");
  }

  @Test
  void aStoredRawBodyIsShownAsOne() {
    GenericHttpForm form = new GenericHttpForm();

    form.read(
        json(
            """
            {"method": "POST", "endpoint": "https://relay.example/send", "auth": {"type": "NONE"},
             "headers": {}, "secretHeaders": [], "bodyTemplate": "{\\"to\\": \\"$$To\\"}"}"""));

    assertTrue(form.isRawBody());
    assertEquals(List.of(), form.getParameters());
    assertFalse(form.isBatch());
    assertEquals(
        json(
            """
            {"method": "POST", "endpoint": "https://relay.example/send", "auth": {"type": "NONE"},
             "headers": {}, "secretHeaders": [], "bodyTemplate": "{\\"to\\": \\"$$To\\"}"}"""),
        form.settings());
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    for (boolean rawBody : List.of(false, true)) {
      GenericHttpForm form = new GenericHttpForm();
      form.setEndpoint("https://relay.example/send");
      form.setMethod("GET");
      form.setBasicAuth(true);
      form.setUsername("mailhub");
      form.getPassword().setValue("secret");
      form.getHeaders().add(new GenericHttpForm.Pair("X-Account", "acme-7731", true));
      form.getParameters().add(new GenericHttpForm.Pair("msgs", "{\"to\": \"$$To\"}", true));
      form.setRawBody(rawBody);
      form.setBodyTemplate("{\"to\": \"$$To\"}");
      form.setBatch(true);
      form.setBatchParameter("msgs");
      form.setBatchInstances(null);

      FormChecks.assertTakenByTheRecord(form);
      FormChecks.assertInputsInTheFragment(form);
    }
  }

  private static List<String> rows(List<GenericHttpForm.Pair> rows) {
    return rows.stream()
        .map(row -> row.getName() + " " + row.isSecret() + " " + row.getValue())
        .toList();
  }
}
