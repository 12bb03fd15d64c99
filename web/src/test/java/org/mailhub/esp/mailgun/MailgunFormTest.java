package org.mailhub.esp.mailgun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class MailgunFormTest {

  @Test
  void aNewProviderIsInTheUsRegion() {
    assertEquals(json("{\"region\": \"US\"}"), new MailgunForm().settings());
  }

  @Test
  void storedKeysAreShownMaskedAndEmptyKeyFieldsKeepThem() throws Exception {
    MailgunForm form = new MailgunForm();

    form.read(
        json(
            "{\"apiKey\": \"••••\", \"domain\": \"mg.acme.example\", \"region\": \"EU\","
                + " \"webhookSigningKey\": \"••••\"}"));

    assertEquals("••••", form.getWebhookSigningKey().getStored());
    assertNull(form.getApiKey().getValue());
    assertEquals(
        json("{\"domain\": \"mg.acme.example\", \"region\": \"EU\"}"),
        FormChecks.serialized(form).settings());
    form.getWebhookSigningKey().setValue("whk");
    assertEquals("whk", form.settings().getString("webhookSigningKey"));
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    MailgunForm form = new MailgunForm();
    form.getApiKey().setValue("key-1");
    form.setDomain("mg.acme.example");
    form.setEndpoint("https://api.mailgun.net");
    form.getWebhookSigningKey().setValue("whk");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
