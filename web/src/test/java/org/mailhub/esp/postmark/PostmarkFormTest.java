package org.mailhub.esp.postmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mailhub.provider.FormChecks.json;

import org.junit.jupiter.api.Test;
import org.mailhub.provider.FormChecks;

class PostmarkFormTest {

  private static final String STORED =
      """
      {"apiKey": "••••", "host": "smtp-broadcasts.postmarkapp.com", "port": 587,
       "security": "STARTTLS", "messageStream": "broadcast"}""";

  @Test
  void readsTheStoredSettingsAndSendsThemBackWithoutTheMaskedToken() throws Exception {
    PostmarkForm form = new PostmarkForm();

    form.read(json(STORED));

    assertEquals("••••", form.getApiKey().getStored());
    assertNull(form.getApiKey().getValue());
    assertEquals(587, form.getServer().getPort());
    assertEquals(
        json(
            """
            {"host": "smtp-broadcasts.postmarkapp.com", "port": 587, "security": "STARTTLS",
             "messageStream": "broadcast"}"""),
        FormChecks.serialized(form).settings());
  }

  @Test
  void aNewTokenIsSentAndEmptiedFieldsAreLeftOut() {
    PostmarkForm form = new PostmarkForm();
    form.read(json(STORED));
    form.getApiKey().setValue("pm-2");
    form.setMessageStream(" ");
    form.getServer().setPort(null);

    assertEquals(
        json(
            """
            {"apiKey": "pm-2", "host": "smtp-broadcasts.postmarkapp.com",
             "security": "STARTTLS"}"""),
        form.settings());
  }

  @Test
  void aNewProviderSendsNothingItWasNotGiven() {
    assertEquals(json("{}"), new PostmarkForm().settings());
  }

  @Test
  void sendsWhatTheRecordTakesAndShowsRefusalsAtItsInputs() throws Exception {
    PostmarkForm form = new PostmarkForm();
    form.read(json(STORED));
    form.getApiKey().setValue("pm-1");

    FormChecks.assertTakenByTheRecord(form);
    FormChecks.assertInputsInTheFragment(form);
  }
}
