package org.mailhub.esp.sendgrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class SendgridFormTest {

  @Test
  void theStoredKeyIsShownMaskedTheVerificationKeyAsItIsAndAnEmptyKeyFieldKeepsIt()
      throws Exception {
    SendgridForm form = new SendgridForm();

    form.read(
        json(
            "{\"apiKey\": \"••••\", \"webhookVerificationKey\": \"MFkwEw\", \"category\":"
                + " \"news\"}"));

    assertEquals("••••", form.getApiKey().getStored());
    assertNull(form.getApiKey().getValue());
    assertEquals(
        json("{\"webhookVerificationKey\": \"MFkwEw\", \"category\": \"news\"}"),
        FormChecks.serialized(form).settings());
    form.getApiKey().setValue("SG.x");
    assertEquals("SG.x", form.settings().getString("apiKey"));
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    SendgridForm form = new SendgridForm();
    form.getApiKey().setValue("SG.x");
    form.setEndpoint("https://api.eu.sendgrid.com/v3/mail/send");
    form.setWebhookVerificationKey("MFkwEw");
    form.setIpPoolName("pool");
    form.setCategory("news");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
